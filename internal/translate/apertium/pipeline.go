package apertium

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// pipeline is one running set of a route's stage processes, connected by
// pipes like the shell would. Input is NUL-separated; every stage runs with
// -z, so each NUL written comes back as exactly one NUL after its
// translation. It serves one caller at a time (the pool guarantees that).
type pipeline struct {
	cmds   []*exec.Cmd
	in     *os.File
	out    *bufio.Reader
	stderr *tail

	killOnce sync.Once
}

// startPipeline starts the stages, stdout of each feeding stdin of the next.
func startPipeline(stages []stage) (*pipeline, error) {
	p := &pipeline{stderr: &tail{max: 4096}}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("apertium: pipe: %w", err)
	}
	p.in = inW
	prev := inR
	for i, st := range stages {
		cmd := exec.Command(st[0], st[1:]...)
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		cmd.Stdin = prev
		cmd.Stderr = p.stderr
		r, w, err := os.Pipe()
		if err != nil {
			prev.Close()
			p.kill()
			return nil, fmt.Errorf("apertium: pipe: %w", err)
		}
		cmd.Stdout = w
		if err := cmd.Start(); err != nil {
			prev.Close()
			r.Close()
			w.Close()
			p.kill()
			return nil, fmt.Errorf("apertium: start stage %d (%s): %w", i, st[0], err)
		}
		p.cmds = append(p.cmds, cmd)
		prev.Close() // the child holds its own copy
		w.Close()
		prev = r
	}
	p.out = bufio.NewReaderSize(prev, 64<<10)
	return p, nil
}

// translate sends inputs (stream-format text without NULs) and returns their
// outputs in order. Writing runs beside reading so that every stage of the
// pipeline works on a different segment at once. Any error leaves the
// pipeline unusable; the caller kills it.
func (p *pipeline) translate(ctx context.Context, inputs []string) ([]string, error) {
	stop := context.AfterFunc(ctx, p.kill)
	defer stop()
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(p.in, 64<<10)
		for k, s := range inputs {
			w.WriteString(syncMark(k))
			w.WriteString(s)
			if err := w.WriteByte(0); err != nil {
				werr <- err
				return
			}
			// Flush per segment so the first stages start at once.
			if err := w.Flush(); err != nil {
				werr <- err
				return
			}
		}
		werr <- w.Flush()
	}()
	outs := make([]string, 0, len(inputs))
	for range inputs {
		s, err := p.out.ReadString(0)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("apertium: pipeline died after %d of %d segments: %w%s", len(outs), len(inputs), err, p.stderr.suffix())
		}
		mark := syncMark(len(outs))
		i := strings.Index(s, mark)
		if i < 0 {
			return nil, fmt.Errorf("apertium: pipeline out of step at segment %d of %d (a stage died?)%s", len(outs), len(inputs), p.stderr.suffix())
		}
		outs = append(outs, s[:i]+s[i+len(mark):len(s)-1])
	}
	if err := <-werr; err != nil {
		return nil, fmt.Errorf("apertium: write: %w%s", err, p.stderr.suffix())
	}
	return outs, nil
}

// syncMark starts the k-th input of a call. A stage that dies makes the
// next ones flush and emit NULs at end of input, which would read like
// (empty) translations; every genuine output carries its input's mark, a
// superblank that each stage copies through, so a missing mark exposes the
// failure and the pool restarts the pipeline.
func syncMark(k int) string { return "[<s" + strconv.Itoa(k) + ">]" }

// kill stops every stage and reaps it. Safe to call more than once and
// concurrently with translate (whose reads then fail).
func (p *pipeline) kill() {
	p.killOnce.Do(func() {
		p.in.Close()
		for _, c := range p.cmds {
			if c.Process != nil {
				c.Process.Kill()
			}
		}
		for _, c := range p.cmds {
			c.Wait()
		}
	})
}

// tail keeps the last max bytes written to it: the stages' stderr, for
// error messages.
type tail struct {
	max int
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(b), nil
}

func (t *tail) suffix() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.TrimSpace(string(t.buf))
	if s == "" {
		return ""
	}
	return " (stderr: " + s + ")"
}

var _ io.Writer = (*tail)(nil)
