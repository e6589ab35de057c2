# METADATA
# title: RDS and Aurora automated backups are kept long enough
# description: >-
#   Automated backups are what a database is restored from after a
#   mistake, corruption or ransomware: the retention is how far back you
#   can go. RDS and Aurora keep them 1 day unless BackupRetentionPeriod
#   says otherwise (Terraform's aws_db_instance documents 0, no backups at
#   all). Reported when the retention is under backup_retention_days
#   (default 7). Cluster members and read replicas take their cluster's or
#   source's backups and are not reported; a database restored from a
#   snapshot without a retention of its own keeps the source's, which the
#   document does not show. DocumentDB and Neptune clusters are read the
#   same way.
# custom:
#   id: aws-rds-backup-retention
#   severity: medium
#   theme: backup
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster", "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]
#   remediation: Set BackupRetentionPeriod to at least backup_retention_days (default 7, at most 35).
package tollgate.aws.rds_backup_retention

import rego.v1

import data.tollgate.lib.aws.rds
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": sprintf("Set BackupRetentionPeriod to %d or more (at most 35).", [minimum]),
	"terraform": sprintf("Set backup_retention_period = %d or more (at most 35).", [minimum]),
}

# minimum is the configured backup_retention_days, 7 by default.
minimum := n if {
	n := data.tollgate.config.backup_retention_days
	is_number(n)
	n > 0
} else := 7

deny contains f if {
	some db in rds.backups
	n := rds.retention_days(db)
	n < minimum
	f := view.finding(db, "retention", message(db, n), fix)
}

message(db, n) := sprintf("%s is not set: automated backups are kept %s, under the required %d days", [view.spelled(db, "retention"), days(n), minimum]) if {
	view.value(db, "retention") == null
} else := sprintf("%s keeps automated backups %s, under the required %d days", [view.spelled(db, "retention"), days(n), minimum])

days(0) := "0 days (none)"

days(1) := "1 day"

days(n) := sprintf("%d days", [n]) if n > 1
