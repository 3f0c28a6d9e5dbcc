//! Cross-origin protection as middleware.

use core::future::{Ready, ready};

use actix_web::HttpResponse;

/// [`CrossOriginProtection`](crate::CrossOriginProtection) as middleware: refused requests are
/// answered `403 Forbidden` before they reach a handler.
///
/// ```
/// use actix_web::{App, web};
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::actix_web::CrossOrigin;
///
/// let protection = CrossOriginProtection::new().bypass("/webhooks/");
/// let app = App::new()
///     .wrap(CrossOrigin::new(protection))
///     .route("/transfer", web::post().to(|| async { "done" }));
/// ```
#[derive(Debug, Clone)]
pub struct CrossOrigin {
    protection: std::rc::Rc<crate::CrossOriginProtection>,
}

impl CrossOrigin {
    /// The middleware for `protection`.
    ///
    /// ```
    /// let m = typed_cookies::integrations::actix_web::CrossOrigin::new(Default::default());
    /// # let _ = m;
    /// ```
    #[must_use]
    pub fn new(protection: crate::CrossOriginProtection) -> CrossOrigin {
        CrossOrigin {
            protection: std::rc::Rc::new(protection),
        }
    }
}

impl<S, B> actix_web::dev::Transform<S, actix_web::dev::ServiceRequest> for CrossOrigin
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
    B: 'static,
{
    type Response = actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = CrossOriginService<S>;
    type InitError = ();
    type Future = Ready<Result<CrossOriginService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CrossOriginService {
            service,
            protection: self.protection.clone(),
        }))
    }
}

/// The service [`CrossOrigin`] wraps around the application: a cross-site POST gets `403`.
///
/// ```
/// use actix_web::{App, test, web};
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::actix_web::CrossOrigin;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new()
///         .wrap(CrossOrigin::new(CrossOriginProtection::new()))
///         .route("/transfer", web::post().to(|| async { "done" })),
/// )
/// .await;
/// let req = test::TestRequest::post()
///     .uri("/transfer")
///     .insert_header(("sec-fetch-site", "cross-site"))
///     .to_request();
/// assert_eq!(test::call_service(&app, req).await.status(), 403);
/// # });
/// ```
#[derive(Debug)]
pub struct CrossOriginService<S> {
    service: S,
    protection: std::rc::Rc<crate::CrossOriginProtection>,
}

impl<S, B> actix_web::dev::Service<actix_web::dev::ServiceRequest> for CrossOriginService<S>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
    B: 'static,
{
    type Response = actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = actix_web::Error;
    type Future =
        core::pin::Pin<Box<dyn core::future::Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: actix_web::dev::ServiceRequest) -> Self::Future {
        let headers = req.headers();
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let host = text("host").or_else(|| req.uri().authority().map(|a| a.as_str()));
        let checked = self.protection.check(
            req.method().as_str(),
            req.path(),
            host,
            text("sec-fetch-site"),
            text("origin"),
        );
        match checked {
            Ok(()) => {
                let fut = self.service.call(req);
                Box::pin(async move {
                    fut.await
                        .map(actix_web::dev::ServiceResponse::map_into_left_body)
                })
            }
            Err(refused) => {
                let res = req
                    .into_response(HttpResponse::Forbidden().body(refused.to_string()))
                    .map_into_right_body();
                Box::pin(async move { Ok(res) })
            }
        }
    }
}
