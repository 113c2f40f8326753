/* sp-demo.c — placeholder: seed-demo is being written */
#include "config.h"
#include "sp-demo.h"

int
sp_demo_cli_run (int    argc,
                 char **argv)
{
  g_printerr ("seed-demo: not yet implemented\n");
  return 2;
}
