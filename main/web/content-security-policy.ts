// The renderer's one Content-Security-Policy, the same whether Electron serves it from app://studio/
// or the browser bridge from 127.0.0.1: nothing inline, nothing from elsewhere, never framed.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
