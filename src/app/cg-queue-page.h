/* cg-queue-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_QUEUE_PAGE (cg_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (CgQueuePage, cg_queue_page, CG, QUEUE_PAGE, GtkWidget)

/* How often the wait times move on while nothing else changes. */
#define CG_QUEUE_PAGE_TICK_SECONDS 20

GtkWidget  *cg_queue_page_new              (void);
void        cg_queue_page_set_store        (CgQueuePage *self,
                                            CgStore     *store);
/* The signed-in person: whose counter "at your counter" is, and the actor
 * of every call. Without one, the actions are off. */
void        cg_queue_page_set_session      (CgQueuePage *self,
                                            CgSession   *session);
void        cg_queue_page_reload           (CgQueuePage *self);
/* What is shown, for tests: the waiting tickets (element-type
 * CgQueueTicket) and the ticket at this counter (NULL: none). */
GListModel *cg_queue_page_get_waiting      (CgQueuePage *self);
CgQueueTicket *cg_queue_page_get_current   (CgQueuePage *self);
/* The confirmation open on top of the page, or NULL (transfer none). */
AdwMessageDialog *cg_queue_page_get_dialog (CgQueuePage *self);

G_END_DECLS
