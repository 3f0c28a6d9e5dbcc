use core::cell::RefCell;
use core::fmt::Display;

use quote::ToTokens;

/// Collects every error of one expansion so a user sees them all in one build.
/// Dropping it without calling [`Ctxt::check`] is a bug and panics.
pub struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
    /// The cookie rules broken, in the order reported, for the rules' agreement test.
    violations: RefCell<Vec<typed_cookies_rules::Violation>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
            violations: RefCell::new(Vec::new()),
        }
    }

    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, obj: T, msg: M) {
        self.syn_error(syn::Error::new_spanned(obj.into_token_stream(), msg));
    }

    pub fn syn_error(&self, err: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(err);
        }
    }

    /// Reports a broken cookie rule at `span`, in the derive's words.
    pub fn rule(
        &self,
        violation: typed_cookies_rules::Violation,
        span: proc_macro2::Span,
        msg: String,
    ) {
        self.violations.borrow_mut().push(violation);
        self.syn_error(syn::Error::new(span, msg));
    }

    /// The cookie rules reported so far.
    pub fn violations(&self) -> Vec<typed_cookies_rules::Violation> {
        self.violations.borrow().clone()
    }

    pub fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.borrow_mut().take().into_iter().flatten();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for rest in errors {
            combined.combine(rest);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("forgot to check for errors");
        }
    }
}
