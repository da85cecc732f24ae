num_examples = len(X) # 训练集大小
nn_input_dim = 2 # 输入层维度
nn_output_dim = 2 # 输出层维度
# Gradient descent parameters (I picked these by hand)
epsilon = 0.01 # 梯度下降学习率
reg_lambda = 0.01 # 正规化权重
