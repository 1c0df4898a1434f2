package com.astradesk.model;

import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelUsage;
import com.astradesk.core.model.ModelUsageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records usage and failures reported by the gateway. */
final class RecordingUsageListener implements ModelUsageListener {
    final List<ModelUsage> usages = new CopyOnWriteArrayList<>();
    final List<ModelException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onUsage(ModelUsage usage) {
        usages.add(usage);
    }

    @Override
    public void onFailure(String provider, ModelException error) {
        failures.add(error);
    }
}
