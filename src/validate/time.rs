//! The one place that decides whether a token is expired or not yet valid at a given time;
//! `validate` (which refuses) and `inspect` (which reports) both ask it.

/// Where `now` falls relative to a token's `exp` and `nbf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Window {
    /// `exp` has passed: RFC 7519 §4.1.4 refuses a token "on or after" it.
    pub expired: bool,
    /// `nbf` is still ahead: RFC 7519 §4.1.5 refuses a token "before" it.
    pub not_yet_valid: bool,
}

/// The window at `now` (seconds since the epoch) for the token's `exp` and `nbf` (finite
/// NumericDates, or `None` when absent), with `tolerance` seconds of clock skew either way.
pub(crate) fn window(exp: Option<f64>, nbf: Option<f64>, now: f64, tolerance: f64) -> Window {
    Window {
        expired: exp.is_some_and(|e| e <= now - tolerance),
        not_yet_valid: nbf.is_some_and(|n| n > now + tolerance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let w = |exp, nbf, tol| window(exp, nbf, 100.0, tol);
        assert!(w(Some(100.0), None, 0.0).expired);
        assert!(!w(Some(100.5), None, 0.0).expired);
        assert!(!w(Some(71.0), None, 30.0).expired);
        assert!(w(Some(70.0), None, 30.0).expired);
        assert!(!w(None, Some(100.0), 0.0).not_yet_valid);
        assert!(w(None, Some(101.0), 0.0).not_yet_valid);
        assert!(!w(None, Some(130.0), 30.0).not_yet_valid);
        assert_eq!(w(None, None, 0.0), Window::default());
        let both = w(Some(50.0), Some(150.0), 0.0);
        assert!(both.expired && both.not_yet_valid);
    }
}
