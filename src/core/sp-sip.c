/* placeholder: being written */
#include "config.h"
#include "sp-sip.h"
