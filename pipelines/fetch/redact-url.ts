const secretParams = /^(api_key|apikey|key|token|access_token)$/i;

/** The URL as it may be shown or stored: secret query values replaced, so a key never reaches a log or a row. */
export function redactUrl(url: URL): string {
  const copy = new URL(url);
  for (const name of [...copy.searchParams.keys()]) {
    if (secretParams.test(name)) copy.searchParams.set(name, '***');
  }
  return copy.toString();
}
