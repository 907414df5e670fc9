/**
 * One kind of record of the kernel state, laid out twice from a single declaration: in packed
 * memory each field takes one int (its slot, in declaration order), and in the canonical encoding
 * the fields are packed into words, each at a bit shift with a width. Slots, shifts and masks are
 * computed here once, when the module loads, so the packed accessors read plain number constants,
 * and the packing between the two forms is compiled from them (compilePacking.ts).
 */
import { compilePack, compileUnpack, type Pack, type Unpack } from './compilePacking.js';

/** A whole encoding word: a field alone in its word, kept as a signed int. */
export const WORD = 32;

/** A field as declared. */
export interface FieldSpec<N extends string = string> {
  readonly name: N;
  /** Bits it takes in its encoding word (`WORD`: the whole word). */
  readonly bits: number;
  /** Added before packing, so that -1 ("none") packs as 0 in an unsigned bit field. */
  readonly bias: number;
  /** A boolean of the Immutable state: 0 or 1 in packed memory and in the encoding. */
  readonly boolean: boolean;
}

/** A number field of `bits` bits (the whole word by default), stored plus `bias`. */
export function int<const N extends string>(name: N, bits = WORD, bias = 0): FieldSpec<N> {
  return { name, bits, bias, boolean: false };
}

/** A boolean field of one bit (or the whole word). */
export function bool<const N extends string>(name: N, bits = 1): FieldSpec<N> {
  return { name, bits, bias: 0, boolean: true };
}

/** A field as laid out. */
export interface FieldLayout<N extends string = string> extends FieldSpec<N> {
  /** Its int in packed memory, from the record's start. */
  readonly slot: number;
  /** Its encoding word, from the record's first. */
  readonly word: number;
  readonly shift: number;
  /** What a word shifted right by `shift` is masked with to read the field (-1: all of it). */
  readonly mask: number;
}

/** A kind of record: its fields' slots and bit positions, and the packing between the two forms. */
export class RecordLayout<N extends string> {
  /** Every field, in slot order (which is also encoding order). */
  readonly fields: readonly FieldLayout<N>[];
  /** Each field's slot. */
  readonly slot: Readonly<Record<N, number>>;
  /** Ints a record takes in packed memory. */
  readonly slots: number;
  /** Ints a record takes in the encoding (never more than its slots). */
  readonly words: number;
  readonly pack: Pack;
  readonly unpack: Unpack;

  /** `words`: the record's encoding words, each the fields it packs from bit 0 up. */
  constructor(
    readonly name: string,
    words: readonly (readonly FieldSpec<N>[])[],
  ) {
    const fields: FieldLayout<N>[] = [];
    words.forEach((specs, word) => {
      let shift = 0;
      for (const spec of specs) {
        if (
          !Number.isInteger(spec.bits) ||
          spec.bits < 1 ||
          spec.bits > WORD ||
          (spec.bits === WORD && specs.length > 1)
        )
          throw new Error(`${name}.${spec.name}: ${spec.bits} bits do not fit an encoding word with its neighbours`);
        if (!Number.isInteger(spec.bias)) throw new Error(`${name}.${spec.name}: bias ${spec.bias} is no integer`);
        const mask = spec.bits === WORD ? -1 : (1 << spec.bits) - 1;
        fields.push({ ...spec, slot: fields.length, word, shift, mask });
        shift += spec.bits;
      }
      if (specs.length === 0 || shift > WORD) throw new Error(`${name}: word ${word} packs ${shift} bits`);
    });
    const slot = {} as Record<N, number>;
    for (const f of fields) {
      if (f.name in slot) throw new Error(`${name}: two fields are named ${f.name}`);
      slot[f.name] = f.slot;
    }
    this.fields = fields;
    this.slot = slot;
    this.slots = fields.length;
    this.words = words.length;
    this.pack = compilePack(fields, words.length);
    this.unpack = compileUnpack(fields, words.length);
  }
}
