package review

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Target is a review store setting made unambiguous: a PostgreSQL server
// or a SQLite file, never a guess.
type Target struct {
	// Postgres is true for a PostgreSQL URL, false for a SQLite file.
	Postgres bool
	// URL is the PostgreSQL connection URL with its scheme in lower case
	// (Postgres only).
	URL string
	// Path is the absolute path of the SQLite file (SQLite only).
	Path string
	// Host names the store in messages: host:port, or the SQLite file.
	Host string
}

var (
	schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]+):`)
	// keyValueRE catches libpq keyword/value strings ("host=db dbname=x"),
	// which would otherwise be taken for an odd file name.
	keyValueRE = regexp.MustCompile(`^\s*(host|hostaddr|dbname|user|port|password|sslmode|service)\s*=`)
)

// ParseTarget reads a review store setting: a PostgreSQL URL (postgres://
// or postgresql://, the scheme in any case) or a SQLite file path. Any other
// scheme (mysql://, sqlite://, http://…) and libpq keyword/value strings
// are errors naming what was given, so a setting can never silently fall
// back to a local file nobody else sees.
func ParseTarget(setting string) (Target, error) {
	s := strings.TrimSpace(setting)
	if s == "" {
		return Target{}, fmt.Errorf("review store setting is empty: give a postgres:// URL or a SQLite file path")
	}
	if m := schemeRE.FindStringSubmatch(s); m != nil && strings.HasPrefix(s[len(m[0]):], "//") {
		scheme := strings.ToLower(m[1])
		if scheme != "postgres" && scheme != "postgresql" {
			return Target{}, fmt.Errorf("review store %q: scheme %q is not supported: use a postgres:// URL or a SQLite file path", redact(s), m[1])
		}
		u, err := url.Parse(scheme + s[len(m[1]):])
		if err != nil {
			return Target{}, fmt.Errorf("review store %q: %v", redact(s), err)
		}
		host := u.Host
		if host == "" {
			host = "localhost"
		}
		return Target{Postgres: true, URL: u.String(), Host: host}, nil
	}
	if keyValueRE.MatchString(s) {
		return Target{}, fmt.Errorf("review store %q: keyword=value connection strings are not supported: use a postgres:// URL", redact(s))
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return Target{}, fmt.Errorf("review store %q: %v", s, err)
	}
	return Target{Path: abs, Host: abs}, nil
}

// redact hides a password in a URL for messages.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
	}
	return s
}

// sqliteDSN is the driver's name for the file at path: a file: URI with the
// path percent-escaped, so '#', '?' and '%' in folder names stay part of
// the path instead of starting a query or fragment.
func sqliteDSN(path string, busy time.Duration, readOnly bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	dsn := "file://" + (&url.URL{Path: p}).EscapedPath() +
		"?_pragma=busy_timeout(" + strconv.FormatInt(busy.Milliseconds(), 10) + ")&_pragma=foreign_keys(1)"
	if readOnly {
		// With no writer about (no -wal file), immutable: SQLite then
		// makes no -wal or -shm file either, so browsing leaves no trace.
		// With one, its -wal and -shm are there to be shared.
		if _, err := os.Stat(path + "-wal"); err != nil {
			return dsn + "&mode=ro&immutable=1"
		}
		return dsn + "&mode=ro"
	}
	return dsn + "&_pragma=journal_mode(WAL)&_txlock=immediate"
}

// pgURL adds connect_timeout to a PostgreSQL URL that does not set one and
// returns the connect timeout in force.
func pgURL(raw string, timeout time.Duration, readOnly bool) (string, time.Duration, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", 0, err
	}
	q := u.Query()
	if readOnly { // the server refuses every write of the session
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		raw = u.String()
	}
	if v := q.Get("connect_timeout"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return "", 0, fmt.Errorf("connect_timeout %q is not a number of seconds", v)
		}
		if n > 0 {
			return raw, time.Duration(n) * time.Second, nil
		}
	}
	secs := int((timeout + time.Second - 1) / time.Second)
	q.Set("connect_timeout", strconv.Itoa(secs))
	u.RawQuery = q.Encode()
	return u.String(), time.Duration(secs) * time.Second, nil
}

// EnvTimeout names the environment variable that sets the review store's
// timeout (a Go duration such as "5s"); the default is DefaultTimeout.
const EnvTimeout = "SAROS_REVIEW_TIMEOUT"

// DefaultTimeout bounds connecting to the review store and every
// statement, so a store that stops answering is reported, not waited on.
const DefaultTimeout = 10 * time.Second

// timeoutFromEnv is $SAROS_REVIEW_TIMEOUT or DefaultTimeout.
func timeoutFromEnv() (time.Duration, error) {
	v := os.Getenv(EnvTimeout)
	if v == "" {
		return DefaultTimeout, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 5s", EnvTimeout, v)
	}
	return d, nil
}
