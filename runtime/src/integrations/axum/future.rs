//! The future of the crate's axum services.

use axum_core::response::Response;

/// The inner service's response, or one of the crate's own.
pub(super) type ResponseFuture<E> =
    core::pin::Pin<Box<dyn core::future::Future<Output = Result<Response, E>> + Send>>;
