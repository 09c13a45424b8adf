// Public facade of the X12 005010X279A1 eligibility codec (imported as @bvs/x12).
export * from './model';
export { X12Error, isX12Error } from './errors';
export type { X12ErrorCode } from './errors';
export { lex, isaDelimiters } from './lexer';
export type { LexOptions, LexResult } from './lexer';
export { parse271 } from './read-271';
export type { Parse271Options } from './read-271';
export { parse270 } from './read-270';
export type { Inquiry270, InquiryPerson270 } from './read-270';
export { parseEligibilityJson, synthesizeEb } from './json-271';
export { readEligibility } from './read-eligibility';
export { build270 } from './build-270';
export { write271 } from './write-271';
export { validateNpi } from './npi';
export { checkValue, isTransliterable, isX12Char, transliterate } from './characters';
