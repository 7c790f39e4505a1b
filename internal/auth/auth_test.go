package auth

import "testing"

func TestCanReview(t *testing.T) {
	tr := Principal{Role: Translator, Langs: []string{"pt", "es-MX"}}
	for _, tc := range []struct {
		lang string
		want bool
	}{{"pt-BR", true}, {"pt", true}, {"pt-PT", true}, {"es", false}, {"es-MX", true}, {"fr", false}} {
		if got := tr.CanReview(tc.lang); got != tc.want {
			t.Errorf("translator %v CanReview(%s) = %v", tr.Langs, tc.lang, got)
		}
	}
	if !(Principal{Role: Editor}).CanReview("fr") {
		t.Error("editor cannot review")
	}
	if (Principal{Role: "viewer"}).CanReview("es") {
		t.Error("unknown role can review")
	}
}

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "correct horse") || CheckPassword(h, "wrong horse") {
		t.Error("CheckPassword does not tell passwords apart")
	}
	if _, err := HashPassword("short"); err == nil {
		t.Error("short password accepted")
	}
}
