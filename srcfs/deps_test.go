package srcfs

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestDepsRecordEveryLook(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for name, body := range map[string]string{"a.tf": "a", "mod/b.tf": "b", "big.bin": "0123456789"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := Mount(dir, ".")
	reads := NewReads()
	rec := f.Recording(reads)
	if _, err := rec.ReadFile(ctx, "a.tf", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.ReadDir("mod"); err != nil {
		t.Fatal(err)
	}
	rec.Stat("missing.tf")
	if _, err := rec.ReadFile(ctx, "big.bin", 4); err == nil {
		t.Fatal("read over the limit")
	}
	if _, err := rec.ReadHead(ctx, "big.bin", 2); err != nil {
		t.Fatal(err)
	}
	file, err := rec.Open(ctx, "mod/b.tf")
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(file)
	file.Close()
	deps, ok := reads.Deps(rec)
	if !ok {
		t.Fatal("incomplete")
	}
	want := map[string]bool{"a.tf file": true, "a.tf real": true, "big.bin head": true, "big.bin stat": true, "missing.tf stat": true, "mod dir": true, "mod/b.tf file": true, "mod/b.tf real": true}
	if len(deps) != len(want) {
		t.Fatalf("deps = %+v", deps)
	}
	for _, d := range deps {
		if !want[d.Name+" "+d.Op] {
			t.Errorf("unexpected dep %+v", d)
		}
		if !f.Holds(ctx, d, nil) {
			t.Errorf("%+v does not hold on an unchanged tree", d)
		}
	}
	// Each kind of change breaks the dep that saw it.
	os.WriteFile(filepath.Join(dir, "mod", "c.tf"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "missing.tf"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "big.bin"), []byte("0123"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.tf"), []byte("A"), 0o644)
	for _, d := range deps {
		changed := d.Op != "real" && d.Name != "mod/b.tf" && !(d.Op == "head")
		if f.Holds(ctx, d, nil) == changed {
			t.Errorf("%+v: holds = %v after the change", d, !changed)
		}
	}
	// Known bytes stand in for the file.
	for _, d := range deps {
		if d.Op == "file" && d.Name == "a.tf" && !f.Holds(ctx, d, map[string][]byte{"a.tf": []byte("a")}) {
			t.Error("known bytes not used")
		}
	}
}

func TestPartialReadsCannotBeVouchedFor(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := Mount(dir, ".")
	for name, look := range map[string]func(*FS){
		"opened, not read to the end": func(r *FS) {
			file, _ := r.Open(ctx, "x")
			file.Read(make([]byte, 2))
			file.Close()
		},
		"read out of order": func(r *FS) {
			file, _ := r.Open(ctx, "x")
			file.ReadAt(make([]byte, 2), 3)
			io.ReadAll(file)
			file.Close()
		},
		"walked": func(r *FS) { r.WalkDir(".", func(string, os.DirEntry, error) error { return nil }) },
	} {
		reads := NewReads()
		look(f.Recording(reads))
		if _, ok := reads.Deps(f); ok {
			t.Errorf("%s: vouched for", name)
		}
	}
}
