package queue

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"
)

// TestParseSentinel: the sentinels, the master's name, the sentinels'
// password, and the master's password and database from the query.
func TestParseSentinel(t *testing.T) {
	c, err := Parse("redis-sentinel://:sentpw@10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379?master=pressroom&password=masterpw&db=2")
	if err != nil {
		t.Fatal(err)
	}
	want := asynq.RedisFailoverClientOpt{MasterName: "pressroom", SentinelAddrs: []string{"10.0.0.1:26379", "10.0.0.2:26379", "10.0.0.3:26379"},
		SentinelPassword: "sentpw", Password: "masterpw", DB: 2}
	if diff := cmp.Diff(want, c.Opt); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		"redis-sentinel://10.0.0.1:26379",
		"redis-sentinel://10.0.0.1:26379?master=m&db=x&password=hushhush",
	} {
		_, err := Parse(bad)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		} else if strings.Contains(err.Error(), "hushhush") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}
