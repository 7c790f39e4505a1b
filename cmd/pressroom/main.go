// Command pressroom turns English articles into reviewed, published Spanish
// and Portuguese editions. See `pressroom --help`.
package main

import (
	"os"

	"github.com/pressroom-dev/pressroom/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}
