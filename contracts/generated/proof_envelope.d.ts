/* Generated from contracts/proof_envelope.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface DsseEnvelope {
payloadType: string
payload: string
signatures: {
keyid: string
sig: string
}[]
}
