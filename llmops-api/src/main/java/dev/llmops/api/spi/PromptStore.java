package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptNotFoundException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where registered prompts live: versions are immutable, labels point at versions, every label move is
 * audited. Every implementation should pass {@code PromptStoreContractTest} from {@code llmops-test}.
 *
 * <p>Writes are atomic and optimistic: {@link #insert} succeeds only for the next version number and
 * {@link #moveLabel} only if the label is still at the revision the writer read, so two writers never
 * silently overwrite each other; a failed write leaves the store as it was. Failures of the medium are
 * {@link dev.llmops.api.PromptStoreException}s naming the prompt, never its content.
 *
 * @since 0.1
 */
@Experimental
public interface PromptStore {

  /**
   * The names of every prompt that has at least one version.
   *
   * @return the names, sorted
   */
  List<String> names();

  /**
   * Every version of a prompt, oldest first.
   *
   * @param name the prompt's name
   * @return the versions, empty if the prompt is unknown
   */
  List<PromptVersion> versions(String name);

  /**
   * One version.
   *
   * @param name the prompt's name
   * @param version the version number
   * @return the version, or null if there is none
   */
  @Nullable PromptVersion version(String name, int version);

  /**
   * The newest version's number.
   *
   * @param name the prompt's name
   * @return the number, or 0 if the prompt is unknown
   */
  default int latestVersion(String name) {
    List<PromptVersion> all = versions(name);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).version();
  }

  /**
   * One label.
   *
   * @param name the prompt's name
   * @param label the label, such as {@code production}
   * @return the label, or null if it is not set
   */
  @Nullable PromptLabel label(String name, String label);

  /**
   * Every label of a prompt.
   *
   * @param name the prompt's name
   * @return the labels, sorted by label; empty if none
   */
  List<PromptLabel> labels(String name);

  /**
   * The audit trail of a prompt's labels.
   *
   * @param name the prompt's name
   * @return every move of every label, oldest first
   */
  List<LabelMove> history(String name);

  /**
   * Stores a new version, exactly as given (number, author, time and hash included).
   *
   * @param version the version; its number must be one past the newest ({@code 1} for a new prompt)
   * @throws PromptConflictException if the number is not the next one (another writer took it)
   */
  void insert(PromptVersion version);

  /**
   * Points a label at a version or a split of versions, if the label is still at the revision the caller
   * read, and records the move in the audit trail, both or neither.
   *
   * @param name the prompt's name
   * @param label the label
   * @param expectedRevision the label's revision the caller read, or 0 if it believes the label is unset
   * @param target where to point; every version must exist
   * @param author who moves it
   * @return the recorded move
   * @throws PromptConflictException if the label's revision is not {@code expectedRevision}
   * @throws PromptNotFoundException if a target version does not exist
   */
  LabelMove moveLabel(String name, String label, long expectedRevision, LabelTarget target, String author);
}
