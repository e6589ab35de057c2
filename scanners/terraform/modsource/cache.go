package modsource

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/tollgate-dev/tollgate/checksum"
)

// ErrTampered is a cached module whose files no longer hash to what was
// recorded when it was downloaded.
var ErrTampered = errors.New("cached module changed since it was downloaded")

// meta is what an entry records about its download (meta.json beside
// tree/).
type meta struct {
	// Source is what was fetched, credentials removed.
	Source  string `json:"source"`
	Version string `json:"version,omitempty"`
	Ref     string `json:"ref,omitempty"`
	Commit  string `json:"commit,omitempty"`
	// Subdir is where the package the registry named starts inside
	// tree/ (its //subdir, globs resolved).
	Subdir string `json:"subdir,omitempty"`
	// TreeSHA256 is package checksum's directory hash of tree/.
	TreeSHA256 string    `json:"tree_sha256"`
	Fetched    time.Time `json:"fetched"`
}

const (
	metaFile = "meta.json"
	treeDir  = "tree"
)

// key names a cache directory after text that may hold anything (a URL, a
// registry address): its SHA-256, cut to a length that stays unique.
func key(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// load reads the entry in dir and checks its tree against the recorded
// hash. ok is false when there is no entry.
func load(ctx context.Context, dir string) (meta, bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return meta{}, false, nil
	}
	if err != nil {
		return meta{}, false, fmt.Errorf("cache: %w", err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil || m.TreeSHA256 == "" {
		return meta{}, false, fmt.Errorf("%w: %s: the record of the download does not read", ErrTampered, dir)
	}
	sum, _, err := checksum.Dir(ctx, filepath.Join(dir, treeDir))
	if err != nil {
		return meta{}, false, fmt.Errorf("%w: %s: %v", ErrTampered, dir, err)
	}
	if sum != m.TreeSHA256 {
		return meta{}, false, fmt.Errorf("%w: %s hashes to sha256:%s, not the sha256:%s recorded when it was downloaded (delete the directory to download it again)",
			ErrTampered, dir, sum, m.TreeSHA256)
	}
	return m, true, nil
}

// store creates the entry dir: fill writes the module into the tree
// directory it is given and returns the record; the tree is hashed and
// the entry renamed into place whole, so a reader never sees half of it.
// When another run stored the entry meanwhile, that one is used.
func store(ctx context.Context, dir string, now time.Time, fill func(tree string) (meta, error)) (meta, error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return meta{}, fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-")
	if err != nil {
		return meta{}, fmt.Errorf("cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, treeDir)
	if err := os.Mkdir(tree, 0o755); err != nil {
		return meta{}, fmt.Errorf("cache: %w", err)
	}
	m, err := fill(tree)
	if err != nil {
		return meta{}, err
	}
	if m.TreeSHA256, _, err = checksum.Dir(ctx, tree); err != nil {
		return meta{}, fmt.Errorf("hashing the download: %w", err)
	}
	m.Fetched = now.UTC()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return meta{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, metaFile), append(b, '\n'), 0o644); err != nil {
		return meta{}, fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if m, ok, lerr := load(ctx, dir); ok || lerr != nil {
			return m, lerr
		}
		return meta{}, fmt.Errorf("cache: %w", err)
	}
	return m, nil
}

// writeRecord writes a small JSON file atomically.
func writeRecord(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// jsonInto decodes b into v and reports whether it did.
func jsonInto(b []byte, v any) bool { return json.Unmarshal(b, v) == nil }
