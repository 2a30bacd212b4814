/**
 * Response headers for the dev server and preview: cross-origin isolation (COOP/COEP, so
 * SharedArrayBuffer and wasm threads are available) and a Content-Security-Policy that
 * forbids JavaScript eval and every remote origin. 'wasm-unsafe-eval' permits compiling
 * WebAssembly (tfjs-wasm, h5wasm) and nothing else.
 */
export function contentSecurityPolicy(opts: { devNonce?: string }): string {
  const scriptSrc = ["'self'", "'wasm-unsafe-eval'"];
  // Dev only: Vite's React-refresh preamble is an inline module script carrying this nonce.
  if (opts.devNonce) scriptSrc.push(`'nonce-${opts.devNonce}'`);
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(' ')}`,
    "worker-src 'self' blob:",
    // Plotly and React set inline styles; styles cannot execute code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(opts: { devNonce?: string } = {}): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': contentSecurityPolicy(opts),
  };
}
