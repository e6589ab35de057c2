package fingerprint

import "unicode/utf8"

// replacement is U+FFFD in UTF-8.
const replacement = "\uFFFD"

// AppendNodeUTF8 appends src to dst the way Node.js turns bytes into a
// string and back (buffer.toString() then Buffer.from()): valid UTF-8 is
// kept, and each maximal ill-formed subsequence becomes one U+FFFD, as the
// WHATWG Encoding Standard's UTF-8 decoder does. CDK hashes text through
// that round trip (a template read as "utf-8", each 8 KiB read of a text
// file), so invalid bytes, or a character split by a read, hash as U+FFFD.
func AppendNodeUTF8(dst, src []byte) []byte {
	if utf8.Valid(src) {
		return append(dst, src...)
	}
	var (
		needed, seen int
		lower, upper byte = 0x80, 0xBF
		start        int  // where the pending sequence began
	)
	for i := 0; i < len(src); i++ {
		b := src[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				dst = append(dst, b)
			case b >= 0xC2 && b <= 0xF4:
				needed, lower, upper = lead(b)
				start = i
			default:
				dst = append(dst, replacement...)
			}
			continue
		}
		if b < lower || b > upper {
			// The sequence so far is one error; b starts afresh.
			needed, seen, lower, upper = 0, 0, 0x80, 0xBF
			dst = append(dst, replacement...)
			i--
			continue
		}
		lower, upper = 0x80, 0xBF
		seen++
		if seen == needed {
			// Every byte passed the decoder's range checks: the sequence
			// is valid UTF-8 and is kept as written.
			dst = append(dst, src[start:i+1]...)
			needed, seen = 0, 0
		}
	}
	if needed != 0 {
		dst = append(dst, replacement...)
	}
	return dst
}

// lead is, for a lead byte, how many continuation bytes follow and the
// range the first of them must fall in (which excludes overlong forms,
// surrogates and code points past U+10FFFF).
func lead(b byte) (needed int, lower, upper byte) {
	switch {
	case b <= 0xDF:
		return 1, 0x80, 0xBF
	case b == 0xE0:
		return 2, 0xA0, 0xBF
	case b == 0xED:
		return 2, 0x80, 0x9F
	case b <= 0xEF:
		return 2, 0x80, 0xBF
	case b == 0xF0:
		return 3, 0x90, 0xBF
	case b == 0xF4:
		return 3, 0x80, 0x8F
	default:
		return 3, 0x80, 0xBF
	}
}
