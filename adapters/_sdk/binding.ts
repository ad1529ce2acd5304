// Holder binding: does the person asking match the holder the national record shows? Pure.
// Masked names (Russia): the claimed family name, given name and patronymic words, in that order,
// match the masked words one to one: same length, and every visible character of the mask (the first
// letter, a hyphen) equal case-insensitively, with Ё folded to Е. A claim in Latin script is checked
// against the Latin masks. The patronymic is required exactly when the record has one (the word
// counts must agree) and never reaches the output. Clear names (Vietnam): compared case- and
// diacritic-insensitively; the output is the record's names, diacritics kept. The date of birth is
// compared exactly; a claimed document number is checked against the visible characters of the mask.
// Every failure is the same HOLDER_MISMATCH with the same message: it never says which field differed.
import { AdapterError } from './errors.ts'
import type { HolderClaim, NormalizedHolder } from './record.ts'

export interface BoundNames {
  readonly familyName: string
  readonly givenName: string
}

const MISMATCH_MESSAGE = 'The details given do not match the holder of this certificate.'

function mismatch(): AdapterError {
  return new AdapterError('HOLDER_MISMATCH', MISMATCH_MESSAGE)
}

/** Trims and folds runs of whitespace to one space. */
export function foldSpaces(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ')
}

function words(text: string | undefined): string[] {
  const folded = foldSpaces(text ?? '')
  return folded === '' ? [] : folded.split(' ')
}

function foldLetter(char: string): string {
  return char.toLocaleUpperCase('ru').replace('Ё', 'Е')
}

function isLatin(text: string): boolean {
  return /^[\p{Script=Latin}\s'’.-]+$/u.test(text)
}

/** One claimed word against one masked word: equal length, visible mask characters equal. */
function matchesMask(word: string, mask: string): boolean {
  const typed = [...word]
  const masked = [...mask]
  if (typed.length !== masked.length || masked[0] === '*') return false
  return masked.every((m, i) => m === '*' || foldLetter(m) === foldLetter(typed[i]!))
}

function bindMasked(name: { readonly words: readonly string[]; readonly latinWords?: readonly string[] }, claim: HolderClaim): BoundNames {
  const family = words(claim.familyName)
  const given = words(claim.givenName)
  const claimed = [...family, ...given, ...words(claim.patronymic)]
  if (family.length === 0 || given.length === 0) throw mismatch()
  const masks = isLatin(claimed.join(' ')) ? name.latinWords : name.words
  if (!masks || masks.length !== claimed.length) throw mismatch()
  if (!claimed.every((word, i) => matchesMask(word, masks[i]!))) throw mismatch()
  return { familyName: family.join(' '), givenName: given.join(' ') }
}

/** Case- and diacritic-insensitive form of a clear name (Vietnamese Đ folds to D). */
export function foldClearName(text: string): string {
  return foldSpaces(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleUpperCase('en')
}

function bindClear(name: { readonly familyName: string; readonly givenName: string }, claim: HolderClaim): BoundNames {
  if (foldClearName(claim.familyName) !== foldClearName(name.familyName)) throw mismatch()
  if (foldClearName(claim.givenName) !== foldClearName(name.givenName)) throw mismatch()
  if (foldClearName(name.familyName) === '' || foldClearName(name.givenName) === '') throw mismatch()
  return { familyName: foldSpaces(name.familyName), givenName: foldSpaces(name.givenName) }
}

/** A claimed document number against a mask like '92** ***118' (spaces ignored on both sides). */
function matchesDocument(claimed: string, mask: string): boolean {
  const typed = [...claimed.replace(/\s+/g, '').toUpperCase()]
  const masked = [...mask.replace(/\s+/g, '').toUpperCase()]
  return typed.length === masked.length && masked.every((m, i) => m === '*' || m === typed[i])
}

/** The names the DCC may carry for this holder, or HOLDER_MISMATCH. */
export function bindHolder(holder: NormalizedHolder, claim: HolderClaim): BoundNames {
  if (claim.dateOfBirth.trim() !== holder.dateOfBirth) throw mismatch()
  if (claim.documentNumber !== undefined && claim.documentNumber.trim() !== '' && holder.documentMask !== undefined) {
    if (!matchesDocument(claim.documentNumber, holder.documentMask)) throw mismatch()
  }
  return holder.name.form === 'masked' ? bindMasked(holder.name, claim) : bindClear(holder.name, claim)
}
