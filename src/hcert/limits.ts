// Input bounds of the decoder. A real HC1 is under 1,000 characters and inflates to under 1 KiB;
// the caps leave ample room for large multi-entry payloads while refusing zip bombs and deep nesting.
export const MAX_HC1_LENGTH = 16_384
export const MAX_INFLATED_BYTES = 65_536
export const MAX_CBOR_DEPTH = 16
