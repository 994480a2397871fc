//! TLS termination with rustls (ring provider): loading the certificate
//! chain and private key from PEM files, and serving HTTPS.
//!
//! Only TLS 1.2 and 1.3 are offered (rustls implements nothing older), with
//! rustls's default cipher suites (AEAD with forward secrecy only). Errors
//! name the file and the problem, never the file's contents: the key file
//! is a secret.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use axum_server::tls_rustls::RustlsConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::ServerConfig;
use tokio::net::TcpListener;

use crate::state::AppState;

/// How long in-flight requests may finish after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Why the certificate or key could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("the TLS certificate file {path} cannot be read: {reason}")]
    CertUnreadable { path: PathBuf, reason: String },
    #[error("the TLS certificate file {path} holds no PEM certificate (expected \"-----BEGIN CERTIFICATE-----\")")]
    NoCertificate { path: PathBuf },
    #[error("the TLS certificate file {path} is not valid PEM")]
    BadCertificatePem { path: PathBuf },
    #[error("the TLS key file {path} cannot be read: {reason}")]
    KeyUnreadable { path: PathBuf, reason: String },
    #[error("the TLS key file {path} holds no PEM private key (expected PKCS#8, PKCS#1 or SEC1 \"-----BEGIN … PRIVATE KEY-----\")")]
    NoKey { path: PathBuf },
    #[error("the TLS key file {path} does not match the certificate in {cert}, or is not a key type rustls supports")]
    KeyMismatch { path: PathBuf, cert: PathBuf },
}

/// Reads a file's bytes, saying why not without quoting anything.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => "it could not be read".to_owned(),
    })
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let bytes = read(path).map_err(|reason| TlsError::CertUnreadable {
        path: path.to_owned(),
        reason,
    })?;
    let chain = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| TlsError::BadCertificatePem {
            path: path.to_owned(),
        })?;
    if chain.is_empty() {
        return Err(TlsError::NoCertificate {
            path: path.to_owned(),
        });
    }
    Ok(chain)
}

fn private_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let bytes = read(path).map_err(|reason| TlsError::KeyUnreadable {
        path: path.to_owned(),
        reason,
    })?;
    // The parser's own error is dropped: it may describe the contents.
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|_| TlsError::NoKey {
        path: path.to_owned(),
    })
}

/// The server's TLS settings from a PEM certificate chain (leaf first) and
/// its PEM private key. Checked now, so a bad file stops the server at
/// start rather than at the first connection.
pub fn load(cert: &Path, key: &Path) -> Result<RustlsConfig, TlsError> {
    let chain = certificates(cert)?;
    let private = private_key(key)?;
    let mismatch = || TlsError::KeyMismatch {
        path: key.to_owned(),
        cert: cert.to_owned(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|_| mismatch())?
        .with_no_client_auth()
        .with_single_cert(chain, private)
        .map_err(|_| mismatch())?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(RustlsConfig::from_config(Arc::new(config)))
}

/// Serves HTTPS on `listener` until `shutdown` resolves, then lets
/// in-flight requests finish. A client that does not complete its
/// handshake is dropped after axum-server's handshake timeout.
pub async fn serve(
    listener: TcpListener,
    tls: RustlsConfig,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = crate::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(SHUTDOWN_GRACE));
    });
    axum_server::from_tcp_rustls(listener.into_std()?, tls)
        .handle(handle)
        .serve(app)
        .await
}
