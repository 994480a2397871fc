//! Where the current request came from, for the audit log.
//!
//! The web layer runs every request inside [`with_client`] with the TCP
//! peer's address (a middleware, once for all routes), and every audit
//! entry appended while the request runs records it: account events and
//! case, person and view entries alike, without each handler or use case
//! passing the address along. A task-local rather than a field of `Actor`
//! because failed sign-ins have no actor, and because the address belongs
//! to the request, not to the user. Work done outside a request records
//! [`CLI_CLIENT`] when the console acts, and no address otherwise.

use std::future::Future;

/// The client recorded for what the local administrator does at the
/// command line.
pub const CLI_CLIENT: &str = "cli";

tokio::task_local! {
    static CLIENT: String;
}

/// Runs `work` with `client` (an IP address) recorded as the client of the
/// audit entries it appends.
pub async fn with_client<F: Future>(client: String, work: F) -> F::Output {
    CLIENT.scope(client, work).await
}

/// The client of the request being served, if any.
pub(crate) fn current() -> Option<String> {
    CLIENT.try_with(Clone::clone).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_client_is_known_inside_its_scope_only() {
        assert_eq!(current(), None);
        let inside = with_client("192.0.2.7".into(), async { current() }).await;
        assert_eq!(inside.as_deref(), Some("192.0.2.7"));
        assert_eq!(current(), None);
    }
}
