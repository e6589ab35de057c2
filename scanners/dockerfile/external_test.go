package dockerfile

import (
	"reflect"
	"strings"
	"testing"
)

func TestExternalImages(t *testing.T) {
	src := strings.Join([]string{
		`ARG TOOLS=ghcr.io/x/tools:1`, // 1
		`ARG UNSET`,
		`FROM alpine:3.20 AS Build`,
		`ARG LOCAL=quay.io/x/local:2`,
		`COPY --from=docker.io/evil/tools:latest /bin/x /bin/x`, // 5
		`RUN --mount=type=cache,target=/c \`,
		`    --mount=type=bind,from=ghcr.io/evil/linters:1,target=/t \`,
		`    --mount=type=secret,id=s,from=build,target=/s true`,
		`COPY --from=${TOOLS} /a /a`,
		`COPY --from=$LOCAL /b /b`, // 10
		`COPY --from=${UNSET} /c /c`,
		`ONBUILD COPY --from=busybox /bin/sh /sh`,
		`ONBUILD RUN --mount=from=registry.example.com/h:1,target=/h /h/run`,
		`FROM scratch`,
		`COPY --from=build /a /a`, // 15
		`COPY --from=0 /a /b`,
		`COPY --from=later /a /c`,
		`COPY --from=scratch /a /d`,
		`FROM alpine:3.20 AS later`,
	}, "\n")
	doc, _, err := Parse("Dockerfile", []byte(src), map[string]string{"LOCAL": "quay.io/x/override:3"})
	if err != nil {
		t.Fatal(err)
	}
	type ext struct {
		kind, image string
		line, col   int
	}
	var got []ext
	for si, st := range doc.Input["stages"].([]any) {
		for ii, in := range st.(map[string]any)["instructions"].([]any) {
			list, _ := in.(map[string]any)["external_images"].([]any)
			for k, e := range list {
				m := e.(map[string]any)
				r := lineAt(t, doc, "stages", itoa(si), "instructions", itoa(ii), "external_images", itoa(k), "image")
				got = append(got, ext{m["kind"].(string), m["image"].(string), r.Line, r.Column})
			}
		}
	}
	want := []ext{
		{"copy", "docker.io/evil/tools:latest", 5, 13},
		{"mount", "ghcr.io/evil/linters:1", 7, 28},
		{"copy", "ghcr.io/x/tools:1", 9, 13},
		{"copy", "quay.io/x/override:3", 10, 13},
		{"copy", "${UNSET}", 11, 13},
		{"onbuild copy", "docker.io/library/busybox:latest", 12, 21},
		{"onbuild mount", "registry.example.com/h:1", 13, 26},
		{"copy", "scratch", 18, 13},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("external images:\n got %v\nwant %v", got, want)
	}
	unset := instr(t, doc, 0, 5)["external_images"].([]any)[0].(map[string]any)
	if unset["unresolved"] != true || !reflect.DeepEqual(unset["unresolved_args"], []any{"UNSET"}) {
		t.Errorf("COPY --from=${UNSET}: want unresolved UNSET, got %v", unset)
	}
	busybox := instr(t, doc, 0, 6)["external_images"].([]any)[0].(map[string]any)
	if busybox["tag_defaulted"] != true || busybox["digest"] != "" {
		t.Errorf("busybox: want a defaulted tag, got %v", busybox)
	}
}

func TestExternalImageInvalidReference(t *testing.T) {
	_, _, err := Parse("Dockerfile", []byte("FROM alpine:3.20\nCOPY --from=Bad//Ref /a /a\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "Bad//Ref") {
		t.Fatalf("want an error naming the reference, got %v", err)
	}
}

func TestRunPhysicalLines(t *testing.T) {
	src := "FROM alpine:3.20\nRUN set -eux; \\\n    curl -k https://x.example.com \\\n  && true\nRUN <<EOF\n  wget --no-check-certificate https://y.example.com\nEOF\n"
	doc, _, err := Parse("Dockerfile", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := instr(t, doc, 0, 0)["lines"].([]any)
	want := []any{"RUN set -eux; \\", "    curl -k https://x.example.com \\", "  && true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines: got %q, want %q", got, want)
	}
	if r := lineAt(t, doc, "stages", "0", "instructions", "0", "lines", "1"); r.Line != 3 || r.Column != 5 {
		t.Errorf("line 1 at %d:%d, want 3:5", r.Line, r.Column)
	}
	if r := lineAt(t, doc, "stages", "0", "instructions", "1", "lines", "1"); r.Line != 6 || r.Column != 3 {
		t.Errorf("heredoc line at %d:%d, want 6:3", r.Line, r.Column)
	}
}
