//! Secrets handed to clients (device tokens, enrollment codes): random, shown once, stored hashed.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Crockford's base32: no I, L, O or U, so a code read aloud or typed on a phone survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The SHA-256 of a secret: what the database holds instead of the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretHash(pub [u8; 32]);

/// A device token: 256 random bits.
pub fn new_token() -> String {
    format!("tdt_{}", base32(&random::<32>()))
}

/// A one-time enrollment code: 130 random bits in groups of five characters.
pub fn new_enrollment_code() -> String {
    let text = base32(&random::<17>());
    let chars: Vec<&str> = text.as_bytes().chunks(5).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
    chars.join("-")
}

/// The hash of a token as sent by a client.
pub fn hash_token(token: &str) -> SecretHash {
    SecretHash(Sha256::digest(token.as_bytes()).into())
}

/// The hash of an enrollment code as typed: case, dashes and spaces do not matter.
pub fn hash_enrollment_code(code: &str) -> SecretHash {
    let normal: String =
        code.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    hash_token(&normal)
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_hash_stably() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 52); // 256 bits
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), hash_token(&b));
    }

    #[test]
    fn codes_hash_the_same_however_they_are_typed() {
        let code = new_enrollment_code();
        assert_eq!(code.replace('-', "").len(), 28); // 17 bytes: 136 bits
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(hash_enrollment_code(&typed), hash_enrollment_code(&code));
        assert_ne!(hash_enrollment_code(&new_enrollment_code()), hash_enrollment_code(&code));
    }

    #[test]
    fn base32_matches_known_vectors() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(&[0xff]), "ZW");
        assert_eq!(base32(b"hello"), "D1JPRV3F");
    }
}
