import { mix32, seedOf } from '../model/random.ts';

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

export function citysdkId(seed: number, index: number): string {
  const h = seedOf(seed, 'citysdk-id', index);
  const head = h.toString(36).padStart(7, '0').slice(-6) + mix32(h + 1).toString(36).padStart(7, '0').slice(-6);
  const tail = ((BigInt(index) * multiplier + offset) % modulus).toString(36).padStart(8, '0');
  return head + tail;
}

export function citysdkIndex(id: string): number | null {
  if (!/^[0-9a-z]{20}$/.test(id)) return null;
  const value = BigInt(parseInt(id.slice(12), 36));
  return Number((((value - offset) % modulus + modulus) * inverseMultiplier) % modulus);
}
