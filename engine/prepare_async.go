package engine

import "context"

// PrepareAsync is Prepare in the background: it takes the engine's lock
// before it returns, so evaluations that start meanwhile wait for the
// compiled rules instead of compiling their format again on their own, and
// the caller can read and parse its targets on the other cores while the
// rules compile. wait returns Prepare's error.
func (e *Engine) PrepareAsync(ctx context.Context, formats []string) (wait func() error) {
	e.mu.Lock()
	done := make(chan error, 1)
	go func() {
		done <- e.prepareLocked(ctx, formats)
		e.mu.Unlock()
	}()
	return func() error {
		err := <-done
		done <- err // a second wait gets the same answer
		return err
	}
}
