/* sp-audit-cli.c — placeholder: `samplan-server audit verify|list`, being written */
#include "config.h"
#include "sp-audit-cli.h"

int
sp_audit_cli_run (int    argc,
                  char **argv)
{
  g_printerr ("audit: not yet implemented\n");
  return 2;
}
