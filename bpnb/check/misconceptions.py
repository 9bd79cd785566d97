"""The mistakes learners make in the course's exercises, each said once in the course's words.

A checker computes, for each of its cases, the wrong answer a misconception gives; when a
learner's answer equals one, the verdict names it with the sentence below.
"""

MISCONCEPTIONS = {
    # the neuron: net input, sigmoid, slope
    "forgot_bias": "The bias θ_j is missing: the net input is the weighted sum plus θ_j.",
    "bias_sign": "The bias has the wrong sign: I_j = Σ_i w_ij O_i + θ_j adds θ_j.",
    "exponent_sign": "That is 1 / (1 + e^(+I)): the exponent's sign is flipped, so the curve falls instead of rising.",
    "slope_of_net_input": "That treats O as a net input: the argument is already the output O, so the slope is "
                          "O(1 − O), with no exponential in it.",
    "slope_half": "That is only one factor of the slope: the sigmoid's slope is O(1 − O), both factors.",
    "net_input_for_output": "Those are net inputs I, not outputs O: apply the sigmoid, O = 1 / (1 + e^(−I)).",
    "output_for_net_input": "That is the output O = 1 / (1 + e^(−I)), not the net input: I_j is the weighted "
                            "sum plus the bias, before the sigmoid squashes it.",
    "crossing_sign": "The sign is flipped: w1 x1 + θ = 0 gives x1 = −θ / w1.",
    "crossing_inverted": "That is −w / θ, upside down: solving w1 x1 + θ = 0 for x1 gives x1 = −θ / w1.",
    # error terms
    "forgot_slope": "The sigmoid's slope O_j(1 − O_j) is missing: every error term of the squared error, output "
                    "or hidden, is the slope times what comes from above.",
    "wrong_sign": "That is the right size with the wrong sign: the miss is T − O (target minus output), not "
                  "O − T; Err_j > 0 means raise I_j.",
    "slope_only": "That is the slope O(1 − O) alone: multiply it by the miss T − O.",
    "transposed": "Those are the right numbers transposed: W[i, j] = w_ij runs from unit i below (the rows) to "
                  "unit j above (the columns).",
    "weights_after_update": "That uses the weights after the update: the error terms of a step are computed with "
                            "the weights as they were before it, and all updates are applied at the end.",
    "layer_off_by_one": "That uses the weights of the neighbouring layer: the error of layer k comes through "
                        "weights[k], the weights from layer k to layer k + 1.",
    # updates
    "forgot_rate": "The learning rate l is missing: every update is l · Err_j · O_i.",
    "schedule_without_rate": "The learning rate l is missing: the rate of epoch t is l / t, not 1 / t.",
    "update_subtracted": "The update goes the wrong way: the textbook adds Δw_ij = l Err_j O_i with "
                         "Err_j = O_j(1 − O_j)(T_j − O_j); check the sign of the update and of the miss T − O.",
    "outer_reversed": "The product is the wrong way round: Δw_ij = l Err_j O_i has a row for each unit i below "
                      "and a column for each unit j above, so dW has shape (n_in, n_out).",
    "forgot_bias_update": "The bias θ is not updated: the bias learns like a weight whose input is always 1, "
                          "Δθ_j = l Err_j.",
    "change_not_new": "That is the change Δw, not the new weights: return w + Δw (and θ + Δθ).",
    "mean_not_sum": "That is the mean over the tuples: the textbook sums the tuples' updates (l times the sum, "
                    "no division by n).",
    "bias_not_summed": "Δθ is not summed over the tuples: it needs one number per unit, l Σ_tuples Err_j.",
    "case_not_epoch": "That is case updating: each tuple's update changed the weights before the next tuple. "
                      "Epoch updating computes every tuple's update with the weights of the start of the epoch, "
                      "sums them, and applies the sum once.",
    "epoch_not_case": "That is epoch updating: the updates were summed and applied once. Case updating applies "
                      "each tuple's update before the next tuple is seen.",
    "last_tuple_only": "That is the update of one tuple alone: every tuple of the epoch contributes.",
    # training loop
    "t_from_zero": "That counts epochs from t = 0: the first epoch is t = 1, so its rate is l itself.",
    "t_off_by_one": "That is one epoch off: the rate of epoch t is l / t, for t = 1, 2, ..., so it starts at l.",
    "zero_threshold_off": "A threshold of 0 is a threshold: only None turns a test off (test `is not None`, not "
                          "whether the threshold is true).",
    "lt_not_le": "The condition says at most (≤): a misclassified fraction equal to the threshold stops "
                 "training; < misses that case.",
    "le_not_lt": "The condition says below (<): a weight change equal to the threshold does not stop training.",
    "epoch_limit_off_by_one": "The epoch limit is off by one: training stops when the epoch count reaches "
                              "max_epochs (epoch >= max_epochs).",
    "ignored_condition": "One of the three conditions does not stop training on its own: stop when any one of "
                         "them holds (small weight changes, few misclassified tuples, the epoch limit), "
                         "whichever comes first.",
    "forgot_bias_count": "That counts the weights w_ij only: every unit above the inputs has a bias θ_j too, and "
                         "it is learned like a weight.",
    "counted_units": "That counts units, not weights: each pair of neighbouring layers is fully connected, "
                     "n_k · n_(k+1) weights.",
    # evaluation
    "count_not_fraction": "That is a count: divide by the number of tuples to get a fraction between 0 and 1.",
    "percent_not_fraction": "That is a percentage: the course writes a fraction between 0 and 1 (0.25, not 25).",
    "accuracy_not_misclassified": "That is the accuracy, the fraction right; the misclassified fraction is the "
                                  "fraction wrong, 1 minus it.",
    "misclassified_not_accuracy": "That is the fraction wrong; the accuracy is the fraction right, 1 minus it.",
    "swapped_pair": "The two values are in the wrong order.",
    "precision_not_specificity": "That is the precision TP / (TP + FP); specificity is TN / (TN + FP), the share "
                                 "of the healthy that the test clears.",
    "leakage": "That scales with the statistics of all the data, training and other together: the other set "
               "leaks into the scaling. Use the training set's mean and standard deviation only.",
    "own_statistics": "Each set is scaled with its own statistics: the other set must use the training set's mean "
                      "and standard deviation, as a new patient would be.",
    "sample_std": "That divides by the sample standard deviation (n − 1); the course uses np.std's default, n.",
    "not_per_column": "That uses one mean and one standard deviation for the whole array: each column (each "
                      "feature) gets its own, computed down the column (axis=0).",
    "test_majority": "That uses the test set's majority class: only the training labels may choose the "
                     "baseline's class.",
    "fixed_class": "That always predicts class 0: the baseline's class is whichever class is most common in the "
                   "training labels, 1 if it is 1.",
    "class_not_accuracy": "That is the majority class itself; the baseline's score is the accuracy of always "
                          "predicting it.",
    "classes_from_labels": "That has a column for each class seen in y (max(y) + 1); a class missing from these "
                           "labels still needs its column: n_classes of them.",
    "targets_transposed": "The targets are transposed: one row per tuple and one column per class, shape "
                          "(n, n_classes), like the outputs O of the network for n tuples.",
    "row_not_column": "That is row j of W, the weights out of input j; unit j's incoming weights are column j, "
                      "W[:, j].",
    "image_transposed": "The image is transposed: reshape row by row, pixel i at row i // 8, column i % 8.",
    "shuffled_apart": "The inputs and the targets were shuffled separately, so tuples lost their labels: draw "
                      "one order and use it for both, X[order] and T[order].",
    "not_shuffled": "The tuples were not shuffled: draw a new order each epoch with rng.permutation(n).",
    # the machinery's own (named by _core)
    "changed_argument": "An exercise must not change what it is given.",
    "state_between_calls": "Something is kept between calls (a global, or a default argument such as dW=[]): "
                           "start every sum at zero inside the function.",
}
