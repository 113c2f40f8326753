/* placeholder: being written */
#include "config.h"
#include "sp-consent.h"
