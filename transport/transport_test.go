package transport

import (
	"net/http"
	"testing"
)

func TestPlainHTTPOnlyForLoopbackOrInsecure(t *testing.T) {
	g := Guard{Next: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	}), Insecure: []string{"registry.lan:5000"}}
	for url, ok := range map[string]bool{
		"http://127.0.0.1:5000/v2/":     true,
		"http://localhost:5000/v2/":     true,
		"http://[::1]:5000/v2/":         true,
		"http://registry.lan:5000/v2/":  true,
		"http://10.0.0.7:5000/v2/":      false,
		"http://192.168.1.2/v2/":        false,
		"https://10.0.0.7:5000/v2/":     true,
		"http://registry.example.com/v": false,
	} {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		_, err := g.RoundTrip(req)
		if (err == nil) != ok {
			t.Errorf("%s: err = %v, want allowed %v", url, err, ok)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
