package config

import (
	"reflect"
	"testing"
)

// The backup and log retention settings reach Rego with their defaults
// filled in, so a rule never has to know them.
func TestBackupAndRetentionSettings(t *testing.T) {
	c, err := Parse([]byte("backup_retention_days: 14\nbackup_copy_accounts: ['111122223333']\nlog_retention_days: 731\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Data()
	if d["backup_retention_days"] != 14 || d["log_retention_days"] != 731 || !reflect.DeepEqual(d["backup_copy_accounts"], []any{"111122223333"}) {
		t.Fatalf("data = %v", d)
	}
	c, err = Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	d = c.Data()
	if d["backup_retention_days"] != 7 || d["log_retention_days"] != 365 || !reflect.DeepEqual(d["backup_copy_accounts"], []any{}) {
		t.Fatalf("defaults = %v", d)
	}
}
