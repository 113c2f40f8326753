/* placeholder: being written */
#include "config.h"
#include "sp-patient.h"
