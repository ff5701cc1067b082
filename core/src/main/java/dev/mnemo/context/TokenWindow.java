package dev.mnemo.context;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.ArrayList;
import java.util.List;

/** The newest messages that fit a token budget; see {@link ContextPolicy#tokenBudget(int)}. */
record TokenWindow(int budget) implements ContextPolicy {

    TokenWindow {
        if (budget < 1) {
            throw new InvalidInputException("Token budget must be at least 1, was " + budget);
        }
    }

    @Override
    public ContextDraft apply(ContextDraft draft) {
        ContextDraft pinned = SystemPromptStage.INSTANCE.apply(draft);
        List<List<Message>> units = ToolGroups.of(pinned.messages());
        int newest = units.size() - 1;
        int latestUser = latestUserUnit(units);
        boolean[] kept = new boolean[units.size()];
        int used = pinned.fixedCost();
        for (int i : new int[] {newest, latestUser}) {
            if (i >= 0 && !kept[i]) {
                kept[i] = true;
                used += cost(pinned, units.get(i));
            }
        }
        for (int i = newest - 1; i >= 0; i--) {
            if (kept[i]) {
                continue;
            }
            int cost = cost(pinned, units.get(i));
            if (used + cost > budget) {
                break; // stop at the first unit that does not fit: no holes in the conversation
            }
            kept[i] = true;
            used += cost;
        }
        List<List<Message>> chosen = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (kept[i]) {
                chosen.add(units.get(i));
            }
        }
        return pinned.withMessages(ToolGroups.flatten(chosen)).withBudget(budget);
    }

    @Override
    public boolean needsState() {
        return true;
    }

    private static int latestUserUnit(List<List<Message>> units) {
        for (int i = units.size() - 1; i >= 0; i--) {
            if (units.get(i).get(0).role() == Role.USER) {
                return i;
            }
        }
        return -1;
    }

    private static int cost(ContextDraft draft, List<Message> unit) {
        int cost = 0;
        for (Message message : unit) {
            cost += draft.cost(message);
        }
        return cost;
    }
}
