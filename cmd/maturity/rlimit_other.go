//go:build !unix

package main

import "log/slog"

func warnFileLimit(int, *slog.Logger) {}
