import { mix32, seedFamily } from '../model/random.ts';

// Helsinki ids look like "1ar09ts10t4qdko74nmj": 12 hashed characters + 8 that encode the index through a bijection mod 36^8.
const modulus = 36n ** 8n;
const multiplier = 2_654_435_761n;
const offset = 1_234_567_891n;

function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

const inverseMultiplier = inverse(multiplier, modulus);

// The same bijection in doubles, exact while index * multiplier + offset stays below 2^53 (indices below 3.3 million).
const [modulusNumber, multiplierNumber, offsetNumber] = [Number(modulus), Number(multiplier), Number(offset)];
const exactBelow = Math.floor((Number.MAX_SAFE_INTEGER - offsetNumber) / multiplierNumber);

/** index * multiplier + offset mod 36^8: doubles where they are exact (an id is made per record served), BigInt beyond. */
function encodedIndex(index: number): number {
  if (index < exactBelow) return (index * multiplierNumber + offsetNumber) % modulusNumber;
  return Number((BigInt(index) * multiplier + offset) % modulus);
}

// Every pair of base-36 digits, "00" to "zz".
const digitPairs = Array.from({ length: 36 * 36 }, (_, n) => n.toString(36).padStart(2, '0'));

/** The lowest `width` (even) base-36 digits of a whole number, zero-padded (Number#toString(36) is slow above 2^31). */
function base36(value: number, width: number): string {
  let text = '';
  for (let i = 0; i < width; i += 2) {
    text = digitPairs[value % 1296] + text;
    value = Math.floor(value / 1296);
  }
  return text;
}

// The hash of the last endpoint seed asked for (one endpoint per simulator), so the salt is hashed once, not per id.
let hashSeed = NaN;
let hashOf = seedFamily(hashSeed, 'citysdk-id');

export function citysdkId(seed: number, index: number): string {
  if (seed !== hashSeed) [hashSeed, hashOf] = [seed, seedFamily(seed, 'citysdk-id')];
  const h = hashOf(index);
  return base36(h, 6) + base36(mix32(h + 1), 6) + base36(encodedIndex(index), 8);
}

export function citysdkIndex(id: string): number | null {
  if (!/^[0-9a-z]{20}$/.test(id)) return null;
  const value = BigInt(parseInt(id.slice(12), 36));
  return Number((((value - offset) % modulus + modulus) * inverseMultiplier) % modulus);
}
