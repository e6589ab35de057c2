package dockerfile

import (
	"fmt"
	"reflect"
	"testing"
)

// scriptsOf lists path and first line of the scripts a RUN executes.
func scriptsOf(t *testing.T, in map[string]any) []string {
	t.Helper()
	var out []string
	ss, _ := in["scripts"].([]any)
	for _, s := range ss {
		m := s.(map[string]any)
		out = append(out, fmt.Sprintf("%s@%d", m["path"], m["line"]))
	}
	return out
}

func TestExecutedScripts(t *testing.T) {
	doc, _ := parseFixture(t, "executed-scripts.Dockerfile", nil)
	want := map[[2]int][]string{
		{0, 4}: {"/opt/install.sh@4"},             // ./install.sh in WORKDIR /opt
		{0, 5}: {"/usr/local/bin/setup@8"},        // cat > file <<'EOT', bash -c file
		{1, 2}: {"/bin/install.sh@4", "/e.sh@11"}, // COPY --from=build, `. f`, `sh f`
	}
	for s, n := range map[int]int{0: 6, 1: 4} {
		for i := 0; i < n; i++ {
			if got := scriptsOf(t, instr(t, doc, s, i)); !reflect.DeepEqual(got, want[[2]int{s, i}]) {
				t.Errorf("stage %d instruction %d: scripts %v, want %v", s, i, got, want[[2]int{s, i}])
			}
		}
	}
	// Each script line is located at the heredoc line that wrote it, from
	// its first non-blank column.
	if r := lineAt(t, doc, "stages", "0", "instructions", "5", "scripts", "0", "lines", "1"); r.Line != 9 || r.Column != 2 {
		t.Errorf("tab-indented script line at %+v, want line 9 column 2", r)
	}
	if r := lineAt(t, doc, "stages", "1", "instructions", "2", "scripts", "0", "lines", "1"); r.Line != 5 || r.Column != 1 {
		t.Errorf("script copied from another stage at %+v, want line 5", r)
	}
	s := instr(t, doc, 1, 2)["scripts"].([]any)[1].(map[string]any)
	if s["content"] != "curl https://e.example/i | sh" || !reflect.DeepEqual(s["lines"], []any{"curl https://e.example/i | sh"}) {
		t.Errorf("echo-written script = %v", s)
	}
}

func TestExecutes(t *testing.T) {
	for _, c := range []struct {
		text, wd string
		want     bool
	}{
		{"/x.sh", "/", true},
		{"sh /x.sh", "/", true},
		{"bash -c /x.sh", "/", true},
		{`sh -c "/x.sh --flag"`, "/", true},
		{". /x.sh", "/", true},
		{"source /x.sh && make", "/", true},
		{"chmod +x /x.sh && /x.sh", "/", true},
		{"env A=1 /x.sh", "/", true},
		{"./x.sh", "/", true},
		{"sh x.sh", "/", true},
		{"x.sh", "/", false}, // a bare name is looked up in PATH
		{"chmod +x /x.sh", "/", false},
		{"cat /x.sh", "/", false},
		{"cp /x.sh /y.sh", "/", false},
		{"sh /x.sh.bak", "/", false},
		{"./x.sh", "/opt", false},
	} {
		if got := executes(c.text, "/x.sh", c.wd); got != c.want {
			t.Errorf("executes(%q, /x.sh, %s) = %v, want %v", c.text, c.wd, got, c.want)
		}
	}
}

func TestHeredocTarget(t *testing.T) {
	for text, want := range map[string]string{
		"cat > /x.sh <<EOF":                         "/x.sh",
		"cat <<'EOF' >/x.sh":                        "/x.sh",
		"cat <<-\"EOF\" >> /x.sh && chmod +x /x.sh": "/x.sh",
		"tee /x.sh <<EOF >/dev/null":                "/x.sh",
		"set -e; cat 2>/dev/null <<EOF":             "",
		"<<EOF":                                     "",
		"python3 <<EOF":                             "",
		"cat <<OTHER > /x.sh":                       "",
	} {
		if got := heredocTarget(text, "EOF"); got != want {
			t.Errorf("heredocTarget(%q) = %q, want %q", text, got, want)
		}
	}
}
