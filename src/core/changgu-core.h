/* changgu-core.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public API of libchanggu-core: include this one header.
 */
#pragma once

#include "cg-types.h"
#include "cg-json.h"
#include "cg-store.h"
#include "cg-validate.h"
#include "cg-search.h"
#include "cg-device.h"
#include "cg-device-agent.h"
#include "cg-customer.h"
#include "cg-case.h"
#include "cg-case-list.h"
#include "cg-case-suggest.h"
#include "cg-categories.h"
#include "cg-visit.h"
#include "cg-pickup.h"
#include "cg-order-list.h"
#include "cg-queue.h"
#include "cg-timeline.h"
#include "cg-remote.h"
#include "cg-replicator.h"
#include "cg-sync-manager.h"
#include "cg-provision.h"
#include "cg-business-hours.h"
#include "cg-sla.h"
#include "cg-kpi.h"
#include "cg-article.h"
#include "cg-kpi-csv.h"
#include "cg-kpi-task.h"
#include "cg-notification.h"
#include "cg-number-search.h"
#include "cg-session.h"
#include "cg-staff.h"
#include "cg-conflict.h"
#include "cg-canonical-json.h"
#include "cg-config.h"
#include "cg-retention.h"
#include "cg-device-report.h"
#include "cg-import.h"
#include "cg-rate-limit.h"
#include "cg-kiosk.h"
