//! Small, stable content hashes: FNV-1a for cache busting (its values are
//! part of the output, so it never changes), and a faster one, eight bytes
//! a step, for knowing that a file read again is the file read before.

pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A 64-bit hash of `bytes`, about eight times faster than `fnv`: not for
/// anything an attacker picks to collide, only to notice a changed file.
pub(crate) fn quick(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = bytes.len() as u64 ^ K;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// `quick` as a `Hasher`, for maps keyed by the site's own paths and for
/// page fingerprints: no protection against chosen collisions is needed
/// there, and SipHash was a tenth of a `serve` round.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fast(u64);

impl std::hash::Hasher for Fast {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0 ^ quick(bytes)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// A map with [`Fast`] hashing.
pub(crate) type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fast>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_sees_a_change_anywhere() {
        let a = b"---\nname: A\n---\nBadan yang cukup panjang.\n";
        let mut b = a.to_vec();
        for i in 0..b.len() {
            b[i] ^= 1;
            assert_ne!(quick(a), quick(&b), "a change at {i}");
            b[i] ^= 1;
        }
        assert_ne!(quick(b"ab"), quick(b"ba"));
        assert_ne!(quick(b""), quick(b"\0"));
    }
}
