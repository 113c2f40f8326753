/* placeholder: the lead writes this after the core modules land */
#include "config.h"
#include "sp-rules-cli.h"

int
sp_rules_cli_run (int    argc,
                  char **argv)
{
  g_printerr ("rules: not yet implemented\n");
  return 2;
}
