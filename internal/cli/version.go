package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// versionText describes the build from its build info: the module version
// (a tag, or a pseudo-version made from the commit, since Go 1.24), the VCS
// revision and time it was built from (+dirty when the tree had changes),
// and the Go toolchain. go run and go test do not record VCS details; go
// build and go install in a git checkout do.
func versionText(bi *debug.BuildInfo, ok bool) string {
	version, revision, when, dirty := "unknown", "", "", false
	goVersion := runtime.Version()
	if ok && bi != nil {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pressroom %s\n", version)
	switch {
	case revision == "":
		b.WriteString("revision unknown (go run and go test record none; go build in a git checkout does, unless -buildvcs=false)\n")
	default:
		b.WriteString("revision " + revision)
		if when != "" {
			b.WriteString(" (" + when + ")")
		}
		if dirty {
			b.WriteString(" with uncommitted changes")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}

func versionCmd(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the module version, VCS revision and Go version of this binary",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(env.Stdout, versionText(debug.ReadBuildInfo()))
			return err
		},
	}
}
