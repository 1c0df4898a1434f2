package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.tool.ToolDenial;
import java.util.Objects;

/**
 * A step of an agent run was refused by policy. The run still happened and was journaled (with the denial
 * audited); this carries the result so the 403 can name the run, the tool and the roles it needs.
 */
public class RunDeniedException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final transient AgentResult result;
    private final transient ToolDenial denial;

    public RunDeniedException(AgentResult result, ToolDenial denial) {
        super(Objects.requireNonNull(denial, "denial").reason());
        this.result = Objects.requireNonNull(result, "result");
        this.denial = denial;
    }

    /** The run that was refused a step. */
    public AgentResult result() {
        return result;
    }

    /** The first denial. */
    public ToolDenial denial() {
        return denial;
    }
}
