package translate

import "os"

func ciRequiresApertium() bool { return os.Getenv("CI") == "true" }
