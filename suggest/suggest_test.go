package suggest

import "testing"

func TestClosest(t *testing.T) {
	ids := []string{"aws-s3-bucket-encryption-kms", "aws-s3-bucket-enforce-tls", "aws-sqs-queue-encryption"}
	for _, c := range []struct {
		word   string
		within int
		want   string
		ok     bool
	}{
		{"aws-s3-bucket-encryptoin-kms", 3, "aws-s3-bucket-encryption-kms", true},
		{"aws-s3-bucket-enforce-tsl", 3, "aws-s3-bucket-enforce-tls", true},
		{"completely-different", 3, "", false},
		{"aws-sqs-queue-encryption-xyz", -1, "aws-sqs-queue-encryption", true},
		{"aws-sqs-queue-encryption-xyz", 3, "", false},
	} {
		got, ok := Closest(c.word, ids, c.within)
		if got != c.want || ok != c.ok {
			t.Errorf("Closest(%q, %d) = %q, %v; want %q, %v", c.word, c.within, got, ok, c.want, c.ok)
		}
	}
	if got, ok := Closest("x", nil, -1); ok || got != "" {
		t.Errorf("no candidates: %q, %v", got, ok)
	}
	// Ties go to the first candidate.
	if got, _ := Closest("ab", []string{"ac", "ad"}, -1); got != "ac" {
		t.Errorf("tie: %q, want ac", got)
	}
	if Within(30, 3) != 10 || Within(4, 3) != 3 {
		t.Errorf("Within: %d %d", Within(30, 3), Within(4, 3))
	}
}
