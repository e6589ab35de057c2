package fingerprint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

func TestContent(t *testing.T) {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "0:" + sum("")},
		{"CRLF becomes LF", "a\r\nb\r\n", "4:" + sum("a\nb\n")},
		{"lone CR at the end is hashed but not counted", "a\r\nb\r", "0:" + sum("a\r\nb\r")},
		{"binary is hashed as is", "\x00\r\n", "3:" + sum("\x00\r\n")},
		{"invalid UTF-8 becomes U+FFFD", "\xff\n", "4:" + sum("\uFFFD\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Content(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestReadRefusesWhatSynthNeverWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A link in place of the asset is not followed.
	real := filepath.Join(dir, "real")
	write(t, filepath.Join(real, "a"), "a")
	linked := filepath.Join(dir, "linked")
	if err := os.Symlink(real, linked); err != nil {
		t.Fatal(err)
	}
	var ae *AnomalyError
	if _, err := Read(ctx, linked, Limits{}); !errors.As(err, &ae) || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("linked asset: %v, want an anomaly", err)
	}

	// A FIFO inside the asset is refused without opening it (which would
	// wait for a writer).
	withFIFO := filepath.Join(dir, "fifo")
	write(t, filepath.Join(withFIFO, "a"), "a")
	if err := syscall.Mkfifo(filepath.Join(withFIFO, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if _, err := Read(ctx, withFIFO, Limits{}); !errors.As(err, &ae) || ae.Path != "pipe" || !strings.Contains(ae.What, "fifo") {
		t.Errorf("FIFO: %v, want an anomaly naming pipe", err)
	}
}

// Links are hashed by their text: one pointing out of the asset, even at a
// FIFO that would block a reader, is never followed.
func TestLinksAreNeverFollowed(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	asset := filepath.Join(dir, "asset")
	write(t, filepath.Join(asset, "a"), "a")
	for name, target := range map[string]string{"to-fifo": fifo, "to-passwd": "/etc/passwd", "up": "../../.."} {
		if err := os.Symlink(target, filepath.Join(asset, name)); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := Read(context.Background(), asset, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if tree.Links() != 3 {
		t.Fatalf("%d links, want 3", tree.Links())
	}
	for _, e := range tree.entries {
		if e.link && e.rooted {
			t.Errorf("%s -> %s counted as inside the asset", e.key, e.value)
		}
	}
}

func TestReadLimits(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a", "b", "c/d"} {
		write(t, filepath.Join(dir, filepath.FromSlash(f)), strings.Repeat("x", 100))
	}
	for _, tc := range []struct {
		name string
		lim  Limits
		want string
	}{
		{"bytes", Limits{MaxBytes: 250}, "over 250 bytes"},
		{"entries", Limits{MaxEntries: 3}, "more than 3 files and folders"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), dir, tc.lim)
			if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q wrapping ErrLimit", err, tc.want)
			}
		})
	}
	if _, err := Read(context.Background(), dir, Limits{MaxBytes: 300, MaxEntries: 4}); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, dir, Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSumFoldsInOptions(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a"), "a")
	tree, err := Read(context.Background(), dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]Options{}
	for _, o := range []Options{
		{}, {ExtraHash: "x"}, {Follow: FollowNever}, {Follow: FollowAlways}, {Follow: FollowInternalOnly},
		{IgnoreMode: IgnoreGit}, {IgnoreMode: IgnoreDocker},
	} {
		s := tree.Sum(o)
		if prev, dup := seen[s]; dup {
			t.Errorf("%+v and %+v hash alike", prev, o)
		}
		seen[s] = o
	}
	// The defaults are the same whether spelled or not.
	if tree.Sum(Options{}) != tree.Sum(Options{Follow: FollowExternal, IgnoreMode: IgnoreGlob}) {
		t.Error("explicit defaults change the sum")
	}
}

// referenceContent is contentFingerprintMiss of fingerprint.ts transcribed
// plainly, a fresh slice for every value, as an oracle for the buffer
// reuse in Content.
func referenceContent(b []byte) string {
	h := sha256.New()
	size, binary, last := 0, false, ""
	for off := 0; off < len(b); off += chunk {
		read := b[off:min(off+chunk, len(b))]
		if size == 0 {
			binary = bytes.IndexByte(read, 0) >= 0
		}
		if binary {
			size += len(read)
			h.Write(read)
			continue
		}
		str := string(AppendNodeUTF8(nil, read))
		if strings.HasSuffix(str, "\r") {
			last += str
			continue
		}
		data := strings.ReplaceAll(last+str, "\r\n", "\n")
		last = ""
		size += len(data)
		h.Write([]byte(data))
	}
	if last != "" {
		h.Write([]byte(last))
	}
	return strconv.Itoa(size) + ":" + hex.EncodeToString(h.Sum(nil))
}

// FuzzContent checks the decoder and the content fingerprint on arbitrary
// bytes: valid UTF-8 out, valid input kept, and Content equal to the plain
// transcription (inputs are stretched so that they span several reads).
func FuzzContent(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\xff\xfe", "\xe2\x82", strings.Repeat("x", chunk-1) + "\r\n", "\x00\r\n",
		strings.Repeat("a", chunk-1) + "\r" + strings.Repeat("b", chunk) + strings.Repeat("c", chunk-1) + "\r\nd"} {
		f.Add([]byte(s), uint16(0))
	}
	f.Fuzz(func(t *testing.T, b []byte, stretch uint16) {
		if stretch > 0 && len(b) > 0 {
			// Repeat the input to put its bytes at every offset of a read.
			b = bytes.Repeat(b, 1+int(stretch)%(3*chunk)/len(b)+1)
		}
		if got, want := mustContent(t, b), referenceContent(b); got != want {
			t.Fatalf("Content %s, reference %s", got, want)
		}
		out := AppendNodeUTF8(nil, b)
		if !utf8.Valid(out) {
			t.Fatalf("% x decodes to invalid UTF-8 % x", b, out)
		}
		if utf8.Valid(b) && !bytes.Equal(out, b) {
			t.Fatalf("valid % x changed to % x", b, out)
		}
	})
}

func mustContent(t *testing.T, b []byte) string {
	t.Helper()
	sum, err := Content(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}
