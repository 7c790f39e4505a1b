package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersionText(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go build in a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Path: "github.com/pressroom-dev/pressroom", Version: "v0.0.0-20261129191217-a7adf4cbd0bc"},
			Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "a7adf4cbd0bc9404a7901f3aee5fe340ad0cf5c4"},
				{Key: "vcs.time", Value: "2026-11-29T19:12:17Z"}, {Key: "vcs.modified", Value: "false"}}, Path: "x"}, true,
			"pressroom v0.0.0-20261129191217-a7adf4cbd0bc\nrevision a7adf4cbd0bc9404a7901f3aee5fe340ad0cf5c4 (2026-11-29T19:12:17Z)\ngo1.26.8 " + platform + "\n"},
		{"a tagged release with local changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}}, true,
			"pressroom v1.2.0+dirty\nrevision abc with uncommitted changes\ngo1.26.8 " + platform + "\n"},
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true,
			"pressroom (devel)\nrevision unknown (go run and go test record none; go build in a git checkout does, unless -buildvcs=false)\ngo1.26.8 " + platform + "\n"},
		{"no build info", nil, false,
			"pressroom unknown\nrevision unknown (go run and go test record none; go build in a git checkout does, unless -buildvcs=false)\n" + runtime.Version() + " " + platform + "\n"},
	} {
		if d := cmp.Diff(tc.want, versionText(tc.bi, tc.ok)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
	code, out, _ := runCLI(t, "", nil, "version")
	if code != 0 || !strings.HasPrefix(out, "pressroom ") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version: exit %d %q", code, out)
	}
	if code, out2, _ := runCLI(t, "", nil, "--version"); code != 0 || out2 != out {
		t.Errorf("--version: exit %d %q, want the same as version: %q", code, out2, out)
	}
}
