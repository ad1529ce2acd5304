// cbor-x loads this optionally and falls back to JavaScript when it throws.
throw new Error('cbor-extract is not installed: cbor-x decodes in JavaScript')
