// Holder binding: does the person asking match the holder the national register holds? Pure.
//
// The DCC states the register's identity (RegisteredIdentity); the requester's claim only binds to it.
// A claim binds when its family name, given name (and patronymic, when given) equal the register's
// after folding case, diacritics (ё/е, ñ/n, ệ/e), and runs of spaces and hyphens; a claim written in
// Latin letters may instead equal the register's passport spelling or the ICAO 9303 transliteration
// of the register's names. The date of birth must equal the register's; where the public side shows
// a document mask, the claim's document number is required and must match its visible characters.
// Every failure is the same HOLDER_MISMATCH with the same message: it never says which field differed.
//
// Two further checks live here because they are about the same person:
// - validateClaimNames: names in a claim are letters only (before any upstream call);
// - checkShownAgainstRegister: the public side's masks describe the registered person (after binding).
import { IssueError } from './errors.ts'
import type { HolderClaim, NormalizedHolder, RegisteredIdentity, ShownHolder } from '../dcc/record.ts'
import { transliterate } from '../dcc/icao.ts'

const MISMATCH_MESSAGE = 'The details given do not match the holder of this certificate.'

function mismatch(): IssueError {
  return new IssueError('HOLDER_MISMATCH', MISMATCH_MESSAGE)
}

/** The longest name a claim may carry (the DCC holds 80 characters). */
const MAX_NAME = 80
/** Letters, combining marks, and the separators names use: space, hyphen, apostrophes. */
const NAME_CHARACTER = /^[\p{L}\p{M} '’-]$/u

/**
 * Refuses a claimed name that is not made of letters: control and format characters (bidi overrides,
 * zero-width joiners), markup, digits, symbols, more than one combining mark on a letter. Works on
 * the NFC form and returns it. The message names the field, never its value.
 */
export function checkedClaimName(value: string, field: string): string {
  const text = value.normalize('NFC').trim()
  if (text === '') return text
  const invalid = (why: string) => new IssueError('HOLDER_NAME_INVALID', `The ${field} ${why}.`)
  const characters = [...text]
  if (characters.length > MAX_NAME) throw invalid(`is longer than ${MAX_NAME} characters`)
  let marks = 0
  let previous = ' '
  for (const ch of characters) {
    if (!NAME_CHARACTER.test(ch)) throw invalid('may contain only letters, spaces, hyphens and apostrophes')
    if (/\p{M}/u.test(ch)) {
      if (!/\p{L}/u.test(previous) && !/\p{M}/u.test(previous)) throw invalid('has an accent that is not on a letter')
      marks += 1
      if (marks > 1) throw invalid('has more than one accent on a letter')
    } else {
      marks = 0
    }
    previous = ch
  }
  if (!/\p{L}/u.test(text)) throw invalid('has no letters')
  return text
}

/** The claim with its names checked and in NFC; HOLDER_NAME_INVALID otherwise. */
export function validateClaimNames(claim: HolderClaim): HolderClaim {
  const patronymic = claim.patronymic === undefined ? undefined : checkedClaimName(claim.patronymic, 'patronymic')
  return {
    ...claim,
    familyName: checkedClaimName(claim.familyName, 'family name'),
    givenName: checkedClaimName(claim.givenName, 'given name'),
    ...(patronymic !== undefined ? { patronymic } : {}),
  }
}

/**
 * The comparison form of a name: no diacritics (Ё→Е, Й→И, Đ→D), upper case, apostrophes dropped,
 * every run of spaces and hyphens one space.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[ıİ]/g, 'I')
    .replace(/[łŁ]/g, 'L')
    .replace(/[øØ]/g, 'O')
    .replace(/[ßẞ]/g, 'SS')
    .toUpperCase()
    .replace(/['’]/g, '')
    .replace(/[\s\-‐‑‒–—<]+/gu, ' ')
    .trim()
}

function isLatin(text: string): boolean {
  return /^[\p{Script=Latin}\s'’-]*$/u.test(text)
}

/** The spellings a Latin claim may use for one register name: the passport's and ICAO's. */
function latinSpellings(name: string, passport: string | undefined): string[] {
  const spellings = [foldName(transliterate(name))]
  if (passport !== undefined) spellings.push(foldName(passport))
  return spellings
}

function namesMatch(claim: HolderClaim, identity: RegisteredIdentity): boolean {
  const claimed = [claim.familyName, claim.givenName, claim.patronymic ?? ''].join(' ')
  const registerIsLatin = isLatin(`${identity.familyName} ${identity.givenName}`)
  const equal = (typed: string, name: string, passport?: string) => {
    const folded = foldName(typed)
    if (folded === '') return false
    if (folded === foldName(name)) return true
    return !registerIsLatin && isLatin(claimed) && latinSpellings(name, passport).includes(folded)
  }
  if (!equal(claim.familyName, identity.familyName, identity.latin?.familyName)) return false
  if (!equal(claim.givenName, identity.givenName, identity.latin?.givenName)) return false
  const patronymic = claim.patronymic === undefined ? '' : foldName(claim.patronymic)
  if (patronymic === '') return true
  return identity.patronymic !== undefined && equal(claim.patronymic!, identity.patronymic)
}

/** A claimed document number against a mask like '92** ***118' (spaces ignored on both sides). */
function matchesDocument(claimed: string, mask: string): boolean {
  const typed = [...claimed.replace(/\s+/g, '').toUpperCase()]
  const masked = [...mask.replace(/\s+/g, '').toUpperCase()]
  return typed.length === masked.length && masked.every((m, i) => m === '*' || m === typed[i])
}

/** Binds the claim to the registered holder, or throws HOLDER_MISMATCH. */
export function bindHolder(holder: NormalizedHolder, claim: HolderClaim): void {
  const { identity, shown } = holder
  if (claim.dateOfBirth.trim() !== identity.dateOfBirth) throw mismatch()
  if (shown.documentMask !== undefined) {
    const documentNumber = claim.documentNumber?.trim() ?? ''
    if (documentNumber === '' || !matchesDocument(documentNumber, shown.documentMask)) throw mismatch()
  }
  if (!namesMatch(claim, identity)) throw mismatch()
}

function inconsistent(): IssueError {
  return new IssueError(
    'RECORD_INCONSISTENT',
    'The national systems disagree about the holder of this certificate, so no EU certificate can be issued; the national service can correct its record.',
  )
}

/** One masked word ('И****') against one registered word: same length, visible letters equal. */
function fitsMask(word: string, mask: string): boolean {
  const bare = (text: string) => [...text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()]
  const letters = bare(word)
  const masked = bare(mask)
  return letters.length === masked.length && masked.every((m, i) => m === '*' || m === letters[i])
}

/**
 * A shown date ('1965-**-**', '1987-01-18') against the registered one (possibly partial, '1965'):
 * every part shown must equal the register's; a masked part may stand where the register has none.
 */
export function fitsDate(shown: string, registered: string): boolean {
  const parts = registered.split('-')
  return shown.split('-').every((part, i) => {
    const known = parts[i]
    if (known === undefined) return /^\*+$/.test(part)
    return part.length === known.length && [...part].every((ch, j) => ch === '*' || ch === known[j])
  })
}

/**
 * The public side (masks on the check page, the QR's own text) must describe the registered person;
 * otherwise the national data is inconsistent and nothing is issued (RECORD_INCONSISTENT). Only the
 * masks in the national script are compared: the Latin masks follow the national portal's own
 * romanisation, whose word lengths ICAO's need not share.
 */
export function checkShownAgainstRegister(shown: ShownHolder, identity: RegisteredIdentity): void {
  if (shown.dateOfBirth !== undefined && !fitsDate(shown.dateOfBirth, identity.dateOfBirth)) throw inconsistent()
  const name = shown.name
  if (name === undefined) return
  if (name.form === 'clear') {
    const registered = foldName(`${identity.familyName} ${identity.givenName}`)
    if (foldName(name.fullName) !== registered) throw inconsistent()
    return
  }
  const words = [identity.familyName, identity.givenName, identity.patronymic ?? '']
    .flatMap((part) => part.split(/\s+/))
    .filter((word) => word !== '')
  if (words.length !== name.words.length || !words.every((word, i) => fitsMask(word, name.words[i]!))) throw inconsistent()
}
