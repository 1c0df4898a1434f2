package com.astradesk.tools.ticket.internal;

import com.astradesk.core.text.Language;
import com.astradesk.tools.ticket.TicketPriority;
import com.astradesk.tools.ticket.TicketStatus;

/** Ticket words in the caller's language. */
final class TicketWords {
    private TicketWords() {}

    static String priority(Language language, TicketPriority priority) {
        if (language != Language.PL) {
            return priority.wireName();
        }
        return switch (priority) {
            case LOW -> "niski";
            case MEDIUM -> "średni";
            case HIGH -> "wysoki";
        };
    }

    static String status(Language language, TicketStatus status) {
        if (language != Language.PL) {
            return status.wireName().replace('_', ' ');
        }
        return switch (status) {
            case OPEN -> "otwarte";
            case IN_PROGRESS -> "w toku";
            case RESOLVED -> "rozwiązane";
            case CLOSED -> "zamknięte";
        };
    }
}
