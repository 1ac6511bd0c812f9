<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Animation</name>
    <message>
        <source>iteration {i}   ·   J = {cost}   ·   α = {alpha}</source>
        <translation>第 {i} 次迭代   ·   J = {cost}   ·   α = {alpha}</translation>
    </message>
    <message>
        <source>iteration {i} did not come back from the training process</source>
        <translation>训练进程没有送回第 {i} 次迭代</translation>
    </message>
</context>
<context>
    <name>BowlPanel</name>
    <message>
        <source>Qt&apos;s “{platform}” platform has no OpenGL</source>
        <translation>Qt 的“{platform}”平台不支持 OpenGL</translation>
    </message>
    <message>
        <source>no OpenGL context could be created</source>
        <translation>无法创建 OpenGL 上下文</translation>
    </message>
    <message>
        <source>an OpenGL context could not be made current</source>
        <translation>无法把 OpenGL 上下文设为当前上下文</translation>
    </message>
    <message>
        <source>PyOpenGL sees no current context (an X server without GLX?)</source>
        <translation>PyOpenGL 找不到当前的上下文（可能是 X 服务器没有 GLX？）</translation>
    </message>
    <message>
        <source>PyOpenGL failed: {error}</source>
        <translation>PyOpenGL 出错：{error}</translation>
    </message>
    <message>
        <source>Cost J(w, b) — waiting for data</source>
        <translation>代价函数 J(w, b) —— 等待数据</translation>
    </message>
    <message>
        <source>About this picture</source>
        <translation>关于这张图</translation>
    </message>
    <message>
        <source>Draw the bowl and the curves below it with this loss&apos;s cost, on the same slice and path. The lecture&apos;s question: why not squared error?</source>
        <translation>用这种损失函数算出的代价来画碗面和下方的曲线（切面和路径不变）。课上的问题：为什么不用平方误差？</translation>
    </message>
    <message>
        <source>Which slice of the weights&apos; space to draw. Along the path × across the valley holds the path&apos;s travel and its bounce; the others are the older picture (b and the direction w has moved) and the path&apos;s principal components.</source>
        <translation>选择画权重空间的哪个切面。“沿路径 × 横跨山谷”同时包含路径的前进和它的弹跳；其他选项是以前的画法（b 与 w 移动的方向）以及路径的主成分。</translation>
    </message>
    <message>
        <source>3-D bowl</source>
        <translation>三维碗面</translation>
    </message>
    <message>
        <source>Seen from above</source>
        <translation>俯视图</translation>
    </message>
    <message>
        <source>Follow the point</source>
        <translation>跟随当前点</translation>
    </message>
    <message>
        <source>Keep the current point in the middle of the view</source>
        <translation>让当前点始终保持在视图中央</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <source>3-D view unavailable: {problem}. Showing the same slice from above.</source>
        <translation>三维视图不可用：{problem}。改为从上方显示同一个切面。</translation>
    </message>
    <message>
        <source>Each other run leaves this slice more or less. Of its recent steps the slice holds: {shares}</source>
        <translation>其他每次训练都会或多或少离开这个切面。它们最近几步落在切面内的比例：{shares}</translation>
    </message>
    <message>
        <source>How the bowl is drawn</source>
        <translation>这个碗面是怎么画出来的</translation>
    </message>
    <message>
        <source>Next step too small to see at α = {lr} (to scale)</source>
        <translation>α = {lr} 时下一步太小，看不出来（按实际比例）</translation>
    </message>
    <message>
        <source>Slice: along the path × across the valley</source>
        <translation>切面：沿路径 × 横跨山谷</translation>
    </message>
    <message>
        <source>Slice: where w has moved × b</source>
        <translation>切面：w 移动的方向 × b</translation>
    </message>
    <message>
        <source>Slice: the path&apos;s two main directions (PCA)</source>
        <translation>切面：路径的两个主方向（PCA）</translation>
    </message>
    <message>
        <source>along the path</source>
        <translation>沿路径</translation>
    </message>
    <message>
        <source>across the valley</source>
        <translation>横跨山谷</translation>
    </message>
    <message>
        <source>along the valley</source>
        <translation>沿山谷</translation>
    </message>
    <message>
        <source>where w has moved</source>
        <translation>w 移动的方向</translation>
    </message>
    <message>
        <source>the bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>1st main direction</source>
        <translation>第一主方向</translation>
    </message>
    <message>
        <source>2nd main direction</source>
        <translation>第二主方向</translation>
    </message>
    <message>
        <source>the weight w</source>
        <translation>唯一的权重 w</translation>
    </message>
    <message>
        <source>Cost J over b and the direction in which w has moved</source>
        <translation>代价函数 J：b 与 w 移动的方向</translation>
    </message>
    <message>
        <source>Cost J over the path&apos;s two main directions (its principal components)</source>
        <translation>代价函数 J：路径的两个主方向（主成分）</translation>
    </message>
    <message>
        <source> · green: this slice&apos;s lowest point</source>
        <translation> · 绿点：这个切面的最低点</translation>
    </message>
    <message>
        <source> · the red ball is the run followed, α = {lr}</source>
        <translation> · 红球是正在跟随的那次训练，α = {lr}</translation>
    </message>
    <message>
        <source>Cost J(w, b) — one weight w and a bias b: the whole bowl</source>
        <translation>代价函数 J(w, b) —— 一个权重 w 和一个偏置 b：完整的碗面</translation>
    </message>
    <message>
        <source>Cost J along the path (s) × across the valley (t)</source>
        <translation>代价函数 J：沿路径（s）× 横跨山谷（t）</translation>
    </message>
    <message>
        <source>each run&apos;s path in its colour</source>
        <translation>每次训练的路径用各自的颜色</translation>
    </message>
    <message>
        <source>{path} · red: now, and the next step −α·(dw, db) at α = {lr}, to scale{bottom} · floor: contours of J</source>
        <translation>{path} · 红色：当前位置和下一步 −α·(dw, db)，α = {lr}，按实际比例{bottom} · 底面：J 的等高线</translation>
    </message>
    <message>
        <source> · {wide} is stretched {k}× against {narrow}: the valley is narrower than it looks</source>
        <translation> · {wide} 方向相对 {narrow} 方向拉伸了 {k} 倍：山谷实际上比看起来更窄</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above 2: if the walls kept this sharpness, each step would land farther past the floor than it started. Yet the bounce {trend}: away from the floor the walls grow less steep, so the steps land short of that.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，大于 2：如果谷壁一直这么陡，每一步都会越过谷底，落点比出发点更远。但弹跳却{trend}：离谷底越远，谷壁越平缓，所以落点没有那么远。</translation>
    </message>
    <message>
        <source>No lowest point on this slice: J keeps falling towards its edge, since along it the training pictures can be told apart perfectly.</source>
        <translation>这个切面上没有最低点：J 朝着边缘一直下降，因为沿这个方向训练图片可以被完全分开。</translation>
    </message>
    <message>
        <source>Green dot: the lowest point of this slice only; the path is heading elsewhere (its way down leaves the slice).</source>
        <translation>绿点：只是这个切面的最低点；路径正朝别处走（它下降的方向离开了这个切面）。</translation>
    </message>
    <message>
        <source>{letter}: {words} ({other} held)</source>
        <translation>{letter}：{words}（{other} 固定）</translation>
    </message>
    <message>
        <source>J ({loss})</source>
        <translation>J（{loss}）</translation>
    </message>
    <message>
        <source>Cost J around the start: along the valley (s) × across it (t), no step yet</source>
        <translation>起点附近的代价函数 J：沿山谷（s）× 横跨山谷（t），还没走一步</translation>
    </message>
    <message>
        <source>Cost J along the valley (s) × across it (t): the path has no direction yet</source>
        <translation>代价函数 J：沿山谷（s）× 横跨山谷（t），路径还没有自己的方向</translation>
    </message>
    <message>
        <source>white: the path, a dot per step (bold: the last 16), black dot: its start</source>
        <translation>白色：路径，每一步一个点（粗线：最近 16 步），黑点：起点</translation>
    </message>
    <message>
        <source> · in colour: the other runs kept, as on the cost curves (a branch leaves its run where it began)</source>
        <translation> · 彩色：保留下来的其他训练，颜色与代价曲线上相同（分支从它开始的地方离开原来的路径）</translation>
    </message>
    <message>
        <source> · {share} % of the recent steps lie in this slice (grey lines: off it)</source>
        <translation> · 最近几步有 {share}% 落在这个切面内（灰线：不在切面上）</translation>
    </message>
    <message>
        <source> · below: J along each axis through the ball (dashed: its tangent; hollow dot: after the step)</source>
        <translation> · 下方：经过小球、沿每个坐标轴的 J（虚线：切线；空心点：走完这一步后）</translation>
    </message>
    <message>
        <source>along J&apos;s most curved direction (a mix of w and b)</source>
        <translation>沿 J 弯曲最陡的方向（w 和 b 的组合）</translation>
    </message>
    <message>
        <source>along J&apos;s most curved direction</source>
        <translation>沿 J 弯曲最陡的方向</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above 2: each step will land farther past the floor than it started, so the path will bounce from wall to wall and the cost zig-zag.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，大于 2：每一步都会越过谷底，落点比出发点离谷底更远，所以路径将在两侧谷壁之间来回弹跳，代价也会呈锯齿状起伏。</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, between 1 and 2: each step will overshoot the floor, but land closer than it started.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，介于 1 和 2 之间：每一步都会越过谷底，但落点会比出发点更近。</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, below 1: the steps will creep towards the floor without crossing it.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，小于 1：步子将慢慢挪向谷底，不会越过。</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above 2: at this sharpness a step lands farther past the floor than it started.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，大于 2：按这个陡峭程度，一步会越过谷底，落点比出发点离谷底更远。</translation>
    </message>
    <message>
        <source>λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above 2: each step lands farther past the floor than it started, so the bounce grows and the cost zig-zags.</source>
        <translation>λ_max = {lam} 表示 J {across}弯曲得有多陡；乘以 α 后是 {value}，大于 2：每一步都越过谷底，落点比出发点离谷底更远，所以弹跳越来越大，代价呈锯齿状起伏。</translation>
    </message>
    <message>
        <source>shrinks</source>
        <translation>在变小</translation>
    </message>
    <message>
        <source>holds its size</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>As training flattens the valley, α·λ_max falls; below 2 the bounce dies away.</source>
        <translation>随着训练让山谷变平缓，α·λ_max 下降；低于 2 后弹跳会平息。</translation>
    </message>
    <message>
        <source>α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is between 1 and 2: a step there would overshoot the floor and land closer than it started, so a bounce dies away — here it has.</source>
        <translation>α·λ_max = {value}（λ_max = {lam}：J {across}弯曲的陡峭程度）介于 1 和 2 之间：一步会越过谷底，但落点比出发点更近，所以弹跳会平息 —— 这里已经平息了。</translation>
    </message>
    <message>
        <source>α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is between 1 and 2: each step overshoots the floor but lands closer than it started; the bounce shrinks and dies away.</source>
        <translation>α·λ_max = {value}（λ_max = {lam}：J {across}弯曲的陡峭程度）介于 1 和 2 之间：每一步都越过谷底，但落点比出发点更近；弹跳越来越小，最终平息。</translation>
    </message>
    <message>
        <source>α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is below 1: the steps creep towards the floor without crossing it (an α over {limit} would overshoot).</source>
        <translation>α·λ_max = {value}（λ_max = {lam}：J {across}弯曲的陡峭程度）小于 1：步子慢慢挪向谷底，不会越过（α 超过 {limit} 时就会越过）。</translation>
    </message>
    <message>
        <source>Green dot: this slice&apos;s lowest point, about {n} steps away at the recent pace; the run stopped at &apos;Stop at&apos; before it.</source>
        <translation>绿点：这个切面的最低点，按最近的速度大约还有 {n} 步；训练在到达之前就在“停在”设定的迭代处停下了。</translation>
    </message>
    <message>
        <source>This slice&apos;s lowest point lies beyond the view, about {n} steps away at the recent pace; the run stopped at &apos;Stop at&apos; before it.</source>
        <translation>这个切面的最低点在视图之外，按最近的速度大约还有 {n} 步；训练在到达之前就在“停在”设定的迭代处停下了。</translation>
    </message>
    <message>
        <source>Green dot: this slice&apos;s lowest point, about {n} steps away at the recent pace; the run stops in {left}, so it will not get there.</source>
        <translation>绿点：这个切面的最低点，按最近的速度大约还有 {n} 步；训练再过 {left} 步就停止，所以到不了那里。</translation>
    </message>
    <message>
        <source>This slice&apos;s lowest point lies beyond the view, about {n} steps away at the recent pace; the run stops in {left}.</source>
        <translation>这个切面的最低点在视图之外，按最近的速度大约还有 {n} 步；训练再过 {left} 步就停止。</translation>
    </message>
    <message>
        <source>Green dot: this slice&apos;s lowest point, about {n} steps away at the recent pace.</source>
        <translation>绿点：这个切面的最低点，按最近的速度大约还有 {n} 步。</translation>
    </message>
    <message>
        <source>Green dot: this slice&apos;s lowest point.</source>
        <translation>绿点：这个切面的最低点。</translation>
    </message>
    <message>
        <source>Iteration {it}: the view widened</source>
        <translation>第 {it} 次迭代：视图放宽了</translation>
    </message>
    <message>
        <source>Iteration {it}: new slice (the path found its way)</source>
        <translation>第 {it} 次迭代：新切面（路径找到了自己的方向）</translation>
    </message>
    <message>
        <source>Iteration {it}: new slice (the path left the old one)</source>
        <translation>第 {it} 次迭代：新切面（路径离开了旧切面）</translation>
    </message>
    <message>
        <source>Iteration {it}: new slice, as chosen</source>
        <translation>第 {it} 次迭代：按你的选择换了新切面</translation>
    </message>
    <message>
        <source>This model has one weight w and a bias b, so the cost J(w, b) is exactly this surface: the lecture&apos;s bowl.

Across: w. Back: b. Up: J, the average loss over the training examples. Each white dot is one iteration of gradient descent; the red arrow is the next step −α·(dw, db), drawn to scale. A larger α makes longer steps: too large, and the point jumps past the bottom to the other side.

Below the bowl, the same cost along one variable at a time, with the tangent whose slope is the derivative the trainer computed, and α·λ_max: α times how sharply J curves along its steepest direction. Below 1 the steps creep, between 1 and 2 they overshoot and settle, above 2 each bounce is wider than the last.</source>
        <translation>这个模型只有一个权重 w 和一个偏置 b，所以代价函数 J(w, b) 正好就是这个曲面：课上讲的那个碗。

横向：w。纵深：b。向上：J，即所有训练样本损失的平均值。每个白点是梯度下降的一次迭代；红箭头是下一步 −α·(dw, db)，按实际比例画出。α 越大步子越长：太大的话，点会越过谷底跳到另一侧。

碗面下方是同一个代价函数每次只看一个变量的样子，切线的斜率就是训练器算出的导数；还有 α·λ_max：α 乘以 J 沿最陡方向弯曲的程度。小于 1 时步子慢慢挪近，介于 1 和 2 之间时会越过谷底但逐渐稳定，大于 2 时每次弹跳都比上一次更大。</translation>
    </message>
    <message>
        <source>The model has {n} weights and a bias, so J(w, b) lives in {dims} dimensions — too many to draw. This picture is a slice through them, a plane with two directions:

s, along the path: the straight line from where training began to where it is now.
t, across the valley: the steepest direction at the current point — where J curves most sharply (the top eigenvector of the Hessian, whose eigenvalue is λ_max).

Gradient descent travels along s while, with a large α, it bounces across the narrow valley along t: both lie in this slice. Up: the cost J. Each dot is drawn at its iteration&apos;s true cost; where the path leaves the slice, a thin orange line drops from the dot to the surface under it. When the path has left the slice, a new one is chosen, and the picture says so. Before the first steps, the slice is the two most curved directions. The menu offers other slices: b and the direction w has moved, or the path&apos;s two main directions (principal components).

The red arrow is the next step −α·(dw, db), drawn to scale. Below the bowl, J along each direction alone, with the tangent whose slope is the derivative the trainer computed, and the gauge α·λ_max: below 1 the steps creep, between 1 and 2 they overshoot and settle, above 2 each bounce is wider than the last.</source>
        <translation>这个模型有 {n} 个权重和一个偏置，所以 J(w, b) 处在 {dims} 维空间里 —— 维数太多，画不出来。这张图是其中的一个切面，一个由两个方向张成的平面：

s，沿路径：从训练开始的地方到当前位置的直线。
t，横跨山谷：当前点处最陡的方向 —— J 弯曲最厉害的方向（Hessian 矩阵最大特征值 λ_max 对应的特征向量）。

梯度下降沿 s 前进；α 较大时，它还会沿 t 在狭窄的山谷两壁之间来回弹跳：这两种运动都在这个切面里。向上：代价 J。每个点都画在该次迭代真实的代价处；路径离开切面的地方，会有一条细橙线从点连到下方的切面。路径离开切面后会换一个新切面，图上会说明。在最初几步之前，切面是弯曲最陡的两个方向。菜单里还有其他切面：b 与 w 移动的方向，或者路径的两个主方向（主成分）。

红箭头是下一步 −α·(dw, db)，按实际比例画出。碗面下方是 J 沿每个方向单独变化的曲线，切线斜率是训练器算出的导数；还有 α·λ_max 刻度：小于 1 时步子慢慢挪近，介于 1 和 2 之间时会越过谷底但逐渐稳定，大于 2 时每次弹跳都比上一次更大。</translation>
    </message>
</context>
<context>
    <name>Branching</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Start again from w = 0, b = 0</source>
        <translation>从 w = 0, b = 0 重新开始</translation>
    </message>
    <message>
        <source>A new run from w = 0, b = 0; the runs before stay on the curves, faint</source>
        <translation>从 w = 0, b = 0 开始新的训练；之前的训练以浅色留在曲线上</translation>
    </message>
    <message>
        <source>Start from a saved model…</source>
        <translation>从保存的模型开始…</translation>
    </message>
    <message>
        <source>A new run from the w and b of a model saved with File → Save model (or lrviz train --save): for the same images and scaling</source>
        <translation>从用 文件 → 保存模型（或 lrviz train --save）保存的模型的 w 和 b 开始新的训练：图像尺寸和缩放方式须相同</translation>
    </message>
    <message>
        <source>Start from…</source>
        <translation>起点…</translation>
    </message>
    <message>
        <source>Where a new run starts: w = 0, your own start, or a saved model</source>
        <translation>新训练从哪里开始：w = 0、你自己的起点，或保存的模型</translation>
    </message>
    <message>
        <source>&amp;Undo branch: back to run {run}</source>
        <translation>撤销分支(&amp;U)：回到第 {run} 次训练</translation>
    </message>
    <message>
        <source>&amp;Undo branch</source>
        <translation>撤销分支(&amp;U)</translation>
    </message>
    <message>
        <source>Remove the latest branch and follow the run it left again</source>
        <translation>删除最近的分支，重新跟随它所离开的那次训练</translation>
    </message>
    <message>
        <source>Start again from your own start ({name})</source>
        <translation>从你自己的起点重新开始（{name}）</translation>
    </message>
    <message>
        <source>Start again from this run&apos;s start ({start})</source>
        <translation>从这次训练的起点重新开始（{start}）</translation>
    </message>
    <message>
        <source>Start again from your own start</source>
        <translation>从你自己的起点重新开始</translation>
    </message>
    <message>
        <source>A new run from the same start: the saved model you started from, or where the run followed started (w = 0, or the iteration it branched at)</source>
        <translation>从同一个起点开始新的训练：你用作起点的已保存模型，或当前跟随的训练开始的地方（w = 0，或它分出时的迭代）</translation>
    </message>
    <message>
        <source>Nothing to undo: no branch was made</source>
        <translation>没有可撤销的：还没有建立分支</translation>
    </message>
    <message>
        <source>Back to run {run}</source>
        <translation>回到第 {run} 次训练</translation>
    </message>
    <message>
        <source>Start from a saved model</source>
        <translation>从保存的模型开始</translation>
    </message>
    <message>
        <source>lrviz model (*.npz)</source>
        <translation>lrviz 模型 (*.npz)</translation>
    </message>
    <message>
        <source>Load data first: a start is for a data set</source>
        <translation>请先加载数据：起点是针对某个数据集的</translation>
    </message>
    <message>
        <source>Cannot start there: {error}</source>
        <translation>无法从那里开始：{error}</translation>
    </message>
    <message>
        <source>Starting from {name}: its w and b</source>
        <translation>从 {name} 开始：使用它的 w 和 b</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <source>Right: what the model sees (64 × 64), red where pixels push towards the positive class (wᵢ·xᵢ &gt; 0), blue where they push away</source>
        <translation>右边：模型看到的图片（64 × 64）。红色处的像素把预测推向正类（wᵢ·xᵢ &gt; 0），蓝色处的像素把预测推离正类</translation>
    </message>
    <message>
        <source>true: {label}</source>
        <translation>真实标签：{label}</translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation>✗ 预测错误</translation>
    </message>
</context>
<context>
    <name>Classes</name>
    <message>
        <source>cat</source>
        <translation>猫</translation>
    </message>
    <message>
        <source>non-cat</source>
        <translation>非猫</translation>
    </message>
    <message>
        <source>not cat</source>
        <translation>不是猫</translation>
    </message>
</context>
<context>
    <name>ContourMap</name>
    <message>
        <source>Hover over the map to read its two coordinates and J</source>
        <translation>把鼠标移到图上，读出两个坐标和 J</translation>
    </message>
</context>
<context>
    <name>CurvatureGauge</name>
    <message>
        <source>&lt; 1: creeps</source>
        <translation>&lt; 1：慢慢挪近</translation>
    </message>
    <message>
        <source>1–2: bounce settles</source>
        <translation>1–2：弹跳渐稳</translation>
    </message>
    <message>
        <source>&gt; 2: bounce would grow</source>
        <translation>&gt; 2：弹跳会变大</translation>
    </message>
</context>
<context>
    <name>CurvesPanel</name>
    <message>
        <source>{alpha}, {loss} (earlier)</source>
        <translation>{alpha}，{loss}（之前的训练）</translation>
    </message>
    <message>
        <source>{alpha} (earlier)</source>
        <translation>{alpha}（之前的训练）</translation>
    </message>
    <message>
        <source>α = {lr} — diverged at {it}</source>
        <translation>α = {lr} — 在第 {it} 次迭代发散</translation>
    </message>
    <message>
        <source>{run}, train</source>
        <translation>{run}，训练集</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Drag to see any past iteration in every panel (the bowl, the weights, the numbers)</source>
        <translation>拖动即可在所有面板（代价“碗”、权重、各项数值）中查看过去任意一次迭代</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow training again</source>
        <translation>回到实时，重新跟随训练</translation>
    </message>
    <message>
        <source>Log cost</source>
        <translation>代价取对数</translation>
    </message>
    <message>
        <source>Show the cost on a logarithmic axis</source>
        <translation>用对数坐标轴显示代价</translation>
    </message>
    <message>
        <source>Hover over the curves to read values</source>
        <translation>把鼠标停在曲线上即可读出数值</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Press Play (Space), or Step (→) for one step:
each step adds a point here</source>
        <translation>按“播放” (空格键)，或按“单步” (→) 走一步：
每走一步，这里就多一个点</translation>
    </message>
    <message>
        <source>cost J</source>
        <translation>代价 J(w, b)</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>α = {lr}</source>
        <translation>α 改为 {lr}</translation>
    </message>
    <message>
        <source>iteration {t}: J = {cost}</source>
        <translation>第 {t} 次迭代：J = {cost}</translation>
    </message>
    <message>
        <source>iteration {t}: J ≈ {cost} (at iteration {at}; click for exact)</source>
        <translation>第 {t} 次迭代：J ≈ {cost}（取自第 {at} 次迭代；点击可看精确值）</translation>
    </message>
    <message>
        <source>at iteration {it}: train {train} %, test {test} % (J test {cost})</source>
        <translation>第 {it} 次迭代时：训练集准确率 {train} %，测试集准确率 {test} %（测试集 J {cost}）</translation>
    </message>
    <message>
        <source>at iteration {it}: train {train} %</source>
        <translation>第 {it} 次迭代时：训练集准确率 {train} %</translation>
    </message>
    <message>
        <source>click to see this iteration everywhere</source>
        <translation>点击即可在所有面板中查看这次迭代</translation>
    </message>
</context>
<context>
    <name>DataEditing</name>
    <message>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <source>Flip 10 cat labels</source>
        <translation>翻转 10 个猫的标签</translation>
    </message>
    <message>
        <source>Relabel as non-cats the ten cats the model is surest of: the bowl&apos;s floor rises, the ringed dots in Loss vs cost</source>
        <translation>把模型最有把握的 10 只猫改标为非猫：碗底升高，看“损失与代价”里带圈的点</translation>
    </message>
    <message>
        <source>Leave out all but 20 examples</source>
        <translation>只保留 20 个样本</translation>
    </message>
    <message>
        <source>Train on twenty examples: train accuracy reaches 100 %, test accuracy falls</source>
        <translation>只用 20 个样本训练：训练集准确率达到 100 %，测试集准确率下降</translation>
    </message>
    <message>
        <source>Add your own cat photos…</source>
        <translation>加入你自己的猫照片…</translation>
    </message>
    <message>
        <source>Photos you choose (or drop on the Data panel) join the training set as cats</source>
        <translation>你选择（或拖到数据面板上）的照片以“猫”的标签加入训练集</translation>
    </message>
    <message>
        <source>Undo the last data change</source>
        <translation>撤销上一次数据修改</translation>
    </message>
    <message>
        <source>The Data panel&apos;s changes, one by one (a new run each time)</source>
        <translation>逐个撤销数据面板里的修改（每次都开始一次新的训练）</translation>
    </message>
    <message>
        <source>Back to the data as loaded</source>
        <translation>恢复为加载时的数据</translation>
    </message>
    <message>
        <source>Undo every change</source>
        <translation>撤销全部修改</translation>
    </message>
    <message>
        <source>Not changed: {why}</source>
        <translation>未修改：{why}</translation>
    </message>
    <message>
        <source>A new run on the changed data ({n} change(s)); the earlier run stays on the cost curves, dashed</source>
        <translation>在修改后的数据上开始新的训练（{n} 处修改）；之前的训练以虚线留在代价曲线上</translation>
    </message>
    <message>
        <source>Photos to add to the training set</source>
        <translation>要加入训练集的照片</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{n} more not added: at most {max} at once</source>
        <translation>另有 {n} 张未加入：一次最多 {max} 张</translation>
    </message>
    <message>
        <source>Could not add {problems}</source>
        <translation>无法加入 {problems}</translation>
    </message>
</context>
<context>
    <name>DataEdits</name>
    <message>
        <source>Added {n} photo(s) as {label}: {names}</source>
        <translation>以“{label}”加入 {n} 张照片：{names}</translation>
    </message>
    <message>
        <source>Flipped the label of {n} example(s): {which}</source>
        <translation>翻转了 {n} 个样本的标签：{which}</translation>
    </message>
    <message>
        <source>Left out {n} example(s): {which}</source>
        <translation>去掉了 {n} 个样本：{which}</translation>
    </message>
    <message>
        <source>Put back {n} example(s): {which}</source>
        <translation>放回了 {n} 个样本：{which}</translation>
    </message>
</context>
<context>
    <name>DataError</name>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>train labels</source>
        <translation>训练集标签</translation>
    </message>
    <message>
        <source>test labels</source>
        <translation>测试集标签</translation>
    </message>
    <message>
        <source>{name} images must be a uint8 array (m, H, W, C), got {dtype} {shape}</source>
        <translation>{name}图片必须是 uint8 数组 (m, H, W, C)，实际为 {dtype} {shape}</translation>
    </message>
    <message>
        <source>{name} images must have 1 or 3 channels, got {n}</source>
        <translation>{name}图片必须有 1 或 3 个通道，实际有 {n} 个</translation>
    </message>
    <message>
        <source>{name}: {n} images but labels of shape {shape}</source>
        <translation>{name}：有 {n} 张图片，但标签的形状为 {shape}</translation>
    </message>
    <message>
        <source>{name} must be 0 or 1, found {bad}</source>
        <translation>{name}必须是 0 或 1，发现了 {bad}</translation>
    </message>
    <message>
        <source>no training images</source>
        <translation>没有训练图片</translation>
    </message>
    <message>
        <source>test images are {test}, train images {train}</source>
        <translation>测试图片为 {test}，训练图片为 {train}</translation>
    </message>
    <message>
        <source>the training set has one class only ({only!r}); logistic regression needs examples of both</source>
        <translation>训练集只有一个类别（{only!r}）；逻辑回归需要两个类别的样本</translation>
    </message>
    <message>
        <source>expected two class names, got {classes!r}</source>
        <translation>应有两个类别名，实际为 {classes!r}</translation>
    </message>
    <message>
        <source>{source}: {problem}</source>
        <translation>{source}：{problem}</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>declares {what}: {size} in memory; lrviz loads at most {limit} (set {env} or --max-memory to raise it) — use a smaller subset</source>
        <translation>声明了 {what}：在内存中需要 {size}；lrviz 最多加载 {limit}（可设置 {env} 或 --max-memory 来提高上限）— 请使用更小的子集</translation>
    </message>
    <message>
        <source>{count:,} images of {dims}</source>
        <translation>{count:,} 张 {dims} 的图片</translation>
    </message>
    <message>
        <source>holds more than {n:,} files; a CIFAR-10 archive holds 8</source>
        <translation>包含超过 {n:,} 个文件；CIFAR-10 压缩包只有 8 个文件</translation>
    </message>
    <message>
        <source>is truncated: declares {size:,} bytes, holds {got:,}</source>
        <translation>已截断：声明有 {size:,} 字节，实际只有 {got:,} 字节</translation>
    </message>
    <message>
        <source>is not a CIFAR-10 binary batch (label byte {label} &gt; 9)</source>
        <translation>不是 CIFAR-10 二进制批次文件（标签字节 {label} &gt; 9）</translation>
    </message>
    <message>
        <source>is not a CIFAR-10 binary batch ({size} bytes is not a multiple of {record})</source>
        <translation>不是 CIFAR-10 二进制批次文件（{size} 字节不是 {record} 的整数倍）</translation>
    </message>
    <message>
        <source>expected CIFAR-10 binary batches data_batch_1.bin … and test_batch.bin</source>
        <translation>应包含 CIFAR-10 二进制批次文件 data_batch_1.bin … 和 test_batch.bin</translation>
    </message>
    <message>
        <source>could not be read ({reason})</source>
        <translation>无法读取（{reason}）</translation>
    </message>
    <message>
        <source>not a readable tar archive ({reason})</source>
        <translation>不是可读取的 tar 压缩包（{reason}）</translation>
    </message>
    <message>
        <source>expected two class subfolders (e.g. cat/ and non-cat/), found none</source>
        <translation>应有两个类别子文件夹（例如 cat/ 和 non-cat/），但一个也没有找到</translation>
    </message>
    <message>
        <source>expected two class subfolders (e.g. cat/ and non-cat/), found {found}</source>
        <translation>应有两个类别子文件夹（例如 cat/ 和 non-cat/），实际找到：{found}</translation>
    </message>
    <message>
        <source>which class is positive, {first!r} or {second!r}? Name it (--positive NAME)</source>
        <translation>哪个类别是正类，{first!r} 还是 {second!r}？请指定（--positive 类别名）</translation>
    </message>
    <message>
        <source>the positive class {positive!r} is not a subfolder ({first!r}, {second!r})</source>
        <translation>正类 {positive!r} 不是其中的子文件夹（现有：{first!r}、{second!r}）</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>the folder is empty</source>
        <translation>文件夹是空的</translation>
    </message>
    <message>
        <source>its class subfolders must match train/&apos;s: {first}/, {second}/</source>
        <translation>其中的类别子文件夹必须与 train/ 中的一致：{first}/、{second}/</translation>
    </message>
    <message>
        <source>no image files in the class subfolders</source>
        <translation>类别子文件夹中没有图片文件</translation>
    </message>
    <message>
        <source>none of the {n} files could be read (first: {file}: {why})</source>
        <translation>{n} 个文件都无法读取（第一个：{file}：{why}）</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{keys}, … ({n} keys)</source>
        <translation>{keys} 等（共 {n} 个键）</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is an {kind}; lrviz reads no links to other data</source>
        <translation>&apos;{key}&apos; 是一个 {kind}；lrviz 不读取指向其他数据的链接</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is a {kind}; lrviz reads no links to other data</source>
        <translation>&apos;{key}&apos; 是 {kind}；lrviz 不读取指向其他数据的链接</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is a group, expected a dataset</source>
        <translation>&apos;{key}&apos; 是一个组，应为数据集</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is a virtual dataset; lrviz reads only data stored in the file</source>
        <translation>&apos;{key}&apos; 是虚拟数据集；lrviz 只读取存储在文件内部的数据</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is stored in external files; lrviz reads only data in the file</source>
        <translation>&apos;{key}&apos; 存储在外部文件中；lrviz 只读取文件内部的数据</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is stored in chunks of {size}; lrviz reads chunks of at most {limit}</source>
        <translation>&apos;{key}&apos; 按每块 {size} 分块存储；lrviz 只读取不超过 {limit} 的分块</translation>
    </message>
    <message>
        <source>missing key &apos;{key}&apos; (has: {keys})</source>
        <translation>缺少键 &apos;{key}&apos;（现有键：{keys}）</translation>
    </message>
    <message>
        <source>&apos;{prefix}_set_x&apos; must be uint8 images (m, H, W, 3); got {dtype} {shape}</source>
        <translation>&apos;{prefix}_set_x&apos; 必须是 uint8 图片 (m, H, W, 3)；实际为 {dtype} {shape}</translation>
    </message>
    <message>
        <source>&apos;{prefix}_set_x&apos; holds images of {height}×{width} pixels: not a data set of pictures</source>
        <translation>&apos;{prefix}_set_x&apos; 中的图片为 {height}×{width} 像素：不是图片数据集</translation>
    </message>
    <message>
        <source>&apos;{prefix}_set_y&apos; must hold {count} labels; got {dtype} {shape}</source>
        <translation>&apos;{prefix}_set_y&apos; 必须包含 {count} 个标签；实际为 {dtype} {shape}</translation>
    </message>
    <message>
        <source>missing keys &apos;train_set_x&apos;/&apos;train_set_y&apos; (or &apos;test_set_…&apos;); has: {keys}</source>
        <translation>缺少键 &apos;train_set_x&apos;/&apos;train_set_y&apos;（或 &apos;test_set_…&apos;）；现有键：{keys}</translation>
    </message>
    <message>
        <source>{count:,} images</source>
        <translation>{count:,} 张图片</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; has pixel values outside 0…255</source>
        <translation>&apos;{key}&apos; 中有超出 0…255 范围的像素值</translation>
    </message>
    <message>
        <source>&apos;{prefix}_set_…&apos; could not be read ({reason})</source>
        <translation>无法读取 &apos;{prefix}_set_…&apos;（{reason}）</translation>
    </message>
    <message>
        <source>&apos;{prefix}_set_y&apos; labels must be 0 or 1, found {bad}</source>
        <translation>&apos;{prefix}_set_y&apos; 中的标签必须是 0 或 1，发现了 {bad}</translation>
    </message>
    <message>
        <source>&apos;list_classes&apos; must name two classes, has {n:,} values</source>
        <translation>&apos;list_classes&apos; 必须给出两个类别名，实际有 {n:,} 个值</translation>
    </message>
    <message>
        <source>&apos;list_classes&apos; declares names of {size} each; expected two short names</source>
        <translation>&apos;list_classes&apos; 声明每个名称占 {size}；应为两个简短的名称</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>not a readable HDF5 file ({reason})</source>
        <translation>不是可读取的 HDF5 文件（{reason}）</translation>
    </message>
    <message>
        <source>expected one {kind}_*.h5 file, found {n}</source>
        <translation>应有一个 {kind}_*.h5 文件，实际找到 {n} 个</translation>
    </message>
    <message>
        <source>missing the train_set_… / test_set_… keys</source>
        <translation>缺少 train_set_… / test_set_… 键</translation>
    </message>
    <message>
        <source>could not be decoded: {reason}</source>
        <translation>无法解码：{reason}</translation>
    </message>
    <message>
        <source>{mp:,.0f} megapixels</source>
        <translation>{mp:,.0f} 百万像素</translation>
    </message>
    <message>
        <source>{mp:.3g} megapixels</source>
        <translation>{mp:.3g} 百万像素</translation>
    </message>
    <message>
        <source>is {width}×{height} pixels ({size}); lrviz decodes at most {limit} per image (set {env} to raise it)</source>
        <translation>尺寸为 {width}×{height} 像素（{size}）；lrviz 每张图片最多解码 {limit}（可设置 {env} 来提高上限）</translation>
    </message>
    <message>
        <source>refused as a possible decompression bomb ({reason})</source>
        <translation>疑似解压炸弹，已拒绝（{reason}）</translation>
    </message>
    <message>
        <source>is {size}, refused as a possible decompression bomb; lrviz decodes at most {limit} per image (set {env} to raise it)</source>
        <translation>大小为 {size}，疑似解压炸弹，已拒绝；lrviz 每张图片最多解码 {limit}（可设置 {env} 来提高上限）</translation>
    </message>
    <message>
        <source>is a folder, not an image</source>
        <translation>是文件夹，不是图片</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有访问权限</translation>
    </message>
    <message>
        <source>not an image (no image format Pillow reads)</source>
        <translation>不是图片（Pillow 无法识别其格式）</translation>
    </message>
    <message>
        <source>the image file is truncated (incomplete download or copy?)</source>
        <translation>图片文件已截断（下载或复制不完整？）</translation>
    </message>
    <message>
        <source>field &apos;format&apos; must be one integer, got an array of shape {shape}</source>
        <translation>字段 &apos;format&apos; 必须是单个整数，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field &apos;b&apos; must be one number, got an array of shape {shape}</source>
        <translation>字段 &apos;b&apos; 必须是单个数值，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field &apos;scale&apos; must be one word, got an array of shape {shape}</source>
        <translation>字段 &apos;scale&apos; 必须是单个词，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field {field!r} has values of type {dtype}, expected pixels (uint8)</source>
        <translation>字段 {field!r} 的值类型为 {dtype}，应为像素 (uint8)</translation>
    </message>
    <message>
        <source>field {field!r} has values of type {dtype}, expected text</source>
        <translation>字段 {field!r} 的值类型为 {dtype}，应为文本</translation>
    </message>
    <message>
        <source>field {field!r} has values of type {dtype}, expected integers</source>
        <translation>字段 {field!r} 的值类型为 {dtype}，应为整数</translation>
    </message>
    <message>
        <source>field {field!r} has values of type {dtype}, expected numbers</source>
        <translation>字段 {field!r} 的值类型为 {dtype}，应为数值</translation>
    </message>
    <message>
        <source>cannot be saved: {why}</source>
        <translation>无法保存：{why}</translation>
    </message>
    <message>
        <source>not an lrviz model file: missing {fields}</source>
        <translation>不是 lrviz 模型文件：缺少 {fields}</translation>
    </message>
    <message>
        <source>model format {version}; this lrviz reads format {format}</source>
        <translation>模型格式为 {version}；此版本的 lrviz 只能读取格式 {format}</translation>
    </message>
    <message>
        <source>field &apos;image_shape&apos; {shape} is not (height, width, 1 or 3)</source>
        <translation>字段 &apos;image_shape&apos; 的值 {shape} 不符合 (高, 宽, 1 或 3) 的形式</translation>
    </message>
    <message>
        <source>field &apos;scale&apos; is {scale!r}; lrviz knows {known}</source>
        <translation>字段 &apos;scale&apos; 为 {scale!r}；lrviz 只支持 {known}</translation>
    </message>
    <message>
        <source>a standardised model needs the field {field!r}</source>
        <translation>标准化的模型需要字段 {field!r}</translation>
    </message>
    <message>
        <source>holds w for {their} images ({n} values), but this data&apos;s images are {mine} ({m} features): it cannot be a start here</source>
        <translation>其中的 w 对应 {their} 的图像（{n} 个值），但这份数据的图像是 {mine}（{m} 个特征）：不能作为这里的起点</translation>
    </message>
    <message>
        <source>was trained on features scaled {their!r}, but these are scaled {mine!r}: its w would mean something else here</source>
        <translation>训练时特征的缩放方式是 {their!r}，而这里是 {mine!r}：它的 w 在这里的含义不同</translation>
    </message>
    <message>
        <source>field {field!r} appears twice</source>
        <translation>字段 {field!r} 出现了两次</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>读取失败（{reason}）</translation>
    </message>
    <message>
        <source>is a folder, not a model file</source>
        <translation>是文件夹，不是模型文件</translation>
    </message>
    <message>
        <source>is not a regular file, not a model file</source>
        <translation>不是普通文件，也不是模型文件</translation>
    </message>
    <message>
        <source>is empty, not an lrviz model file</source>
        <translation>是空文件，不是 lrviz 模型文件</translation>
    </message>
    <message>
        <source>is a single .npy array, not an lrviz model (.npz)</source>
        <translation>是单个 .npy 数组，不是 lrviz 模型（.npz）</translation>
    </message>
    <message>
        <source>not an lrviz model file (not a .npz archive)</source>
        <translation>不是 lrviz 模型文件（不是 .npz 归档）</translation>
    </message>
    <message>
        <source>a field {field!r} of {size:,} bytes in the zip</source>
        <translation>zip 中 {size:,} 字节的字段 {field!r}</translation>
    </message>
    <message>
        <source>field {field!r} is not a readable numpy array ({reason})</source>
        <translation>字段 {field!r} 不是可读取的 numpy 数组（{reason}）</translation>
    </message>
    <message>
        <source>a field {field!r} of {size:,} bytes</source>
        <translation>一个 {size:,} 字节的字段 {field!r}</translation>
    </message>
    <message>
        <source>field &apos;image_shape&apos; must be (height, width, channels), got an array of shape {shape}</source>
        <translation>字段 &apos;image_shape&apos; 必须是 (高, 宽, 通道数)，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field &apos;classes&apos; must be two names, got an array of shape {shape}</source>
        <translation>字段 &apos;classes&apos; 必须是两个名称，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field {field!r} must be a vector (n,) or a column (n, 1), got an array of shape {shape}</source>
        <translation>字段 {field!r} 必须是向量 (n,) 或列向量 (n, 1)，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>a field {field!r} of {n:,} features</source>
        <translation>有 {n:,} 个特征的字段 {field!r}</translation>
    </message>
    <message>
        <source>field {field!r} holds text longer than {max} characters</source>
        <translation>字段 {field!r} 中的文本超过了 {max} 个字符</translation>
    </message>
    <message>
        <source>field {field!r} has {size} values but a {dims} image gives {n} features: the model does not fit its image pipeline</source>
        <translation>字段 {field!r} 有 {size} 个值，但 {dims} 的图片有 {n} 个特征：模型与它的图片处理流程不匹配</translation>
    </message>
    <message>
        <source>field &apos;b&apos; is {b}, not a finite number</source>
        <translation>字段 &apos;b&apos; 为 {b}，不是有限的数</translation>
    </message>
    <message>
        <source>field {field!r} holds nan or inf</source>
        <translation>字段 {field!r} 中含有 nan 或 inf</translation>
    </message>
    <message>
        <source>field &apos;std&apos; has zero or negative values: features would be divided by them</source>
        <translation>字段 &apos;std&apos; 中有零或负值：特征会除以这些值</translation>
    </message>
    <message>
        <source>field &apos;classes&apos; must be two names, got {n}</source>
        <translation>字段 &apos;classes&apos; 必须是两个名称，实际有 {n} 个</translation>
    </message>
    <message>
        <source>field &apos;classes&apos; has the name {name!r}: a class name is 1 to {max} printable characters</source>
        <translation>字段 &apos;classes&apos; 中的名称 {name!r} 无效：类别名必须是 1 到 {max} 个可打印字符</translation>
    </message>
    <message>
        <source>field &apos;std&apos; has values so small that the features overflow</source>
        <translation>字段 &apos;std&apos; 中有些值太小，会使特征溢出</translation>
    </message>
    <message>
        <source>fields &apos;w&apos; and &apos;b&apos; are so large that wᵀx + b overflows</source>
        <translation>字段 &apos;w&apos; 和 &apos;b&apos; 太大，会使 wᵀx + b 溢出</translation>
    </message>
    <message>
        <source>not loaded: this drop would need {size}; lrviz holds at most {limit} of photos</source>
        <translation>未加载：这次拖入的照片需要 {size}；lrviz 最多容纳 {limit} 的照片</translation>
    </message>
    <message>
        <source>could not be decoded ({kind}: {reason})</source>
        <translation>解码失败（{kind}：{reason}）</translation>
    </message>
    <message>
        <source>the course&apos;s .h5 files (a folder or one file), an image folder (one subfolder per class), CIFAR-10 binary (.tar.gz or its folder), or builtin:cats / builtin:toy</source>
        <translation>课程的 .h5 文件（一个文件夹或单个文件）、图片文件夹（每个类别一个子文件夹）、CIFAR-10 二进制版（.tar.gz 或其文件夹），或 builtin:cats / builtin:toy</translation>
    </message>
    <message>
        <source>not a dataset lrviz knows; expected {kinds}</source>
        <translation>不是 lrviz 认识的数据集；应为以下之一：{kinds}</translation>
    </message>
    <message>
        <source>cannot be listed ({reason})</source>
        <translation>无法列出其中的内容（{reason}）</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>{name} must be labels of shape (1, m) or (m,), got {shape}</source>
        <translation>{name} 必须是形状为 (1, m) 或 (m,) 的标签，实际是 {shape}</translation>
    </message>
    <message>
        <source>{name} must hold numbers 0 and 1, got {dtype}</source>
        <translation>{name} 必须是数字 0 和 1，实际是 {dtype}</translation>
    </message>
    <message>
        <source>{name} holds {n} values that are not numbers (NaN or infinite)</source>
        <translation>{name} 中有 {n} 个值不是数字（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>{name} holds {k} images of shape {shape} but {labels} has {m} labels</source>
        <translation>{name} 有 {k} 张形状为 {shape} 的图片，但 {labels} 有 {m} 个标签</translation>
    </message>
    <message>
        <source>{name} must be images (m, H, W, C), the lab&apos;s flattened (n_x, m) or scikit-learn&apos;s (m, n_x); got {shape}</source>
        <translation>{name} 必须是图片 (m, H, W, C)、编程作业里展平的 (n_x, m) 或 scikit-learn 的 (m, n_x)；实际是 {shape}</translation>
    </message>
    <message>
        <source>{name} is {shape}, as many examples as features: give {labels} as (1, m) for the lab&apos;s (n_x, m) or as (m,) for scikit-learn&apos;s (m, n_x)</source>
        <translation>{name} 的形状是 {shape}，样本数和特征数一样多：若是编程作业的 (n_x, m)，请把 {labels} 写成 (1, m)；若是 scikit-learn 的 (m, n_x)，请写成 (m,)</translation>
    </message>
    <message>
        <source>{name} is {shape} but {labels} has {m} labels: neither its columns (the lab&apos;s (n_x, m)) nor its rows (scikit-learn&apos;s (m, n_x)) are {m}</source>
        <translation>{name} 的形状是 {shape}，但 {labels} 有 {m} 个标签：它的列数（编程作业的 (n_x, m)）和行数（scikit-learn 的 (m, n_x)）都不是 {m}</translation>
    </message>
    <message>
        <source>{name} must hold numbers, got {dtype}</source>
        <translation>{name} 必须是数字，实际是 {dtype}</translation>
    </message>
    <message>
        <source>{name} must be pixel values — uint8 0…255, or those divided by 255 as the lab does — but its values run from {lo} to {hi}: pass the images before standardising them</source>
        <translation>{name} 必须是像素值 —— uint8 的 0…255，或像编程作业那样除以 255 之后的值 —— 但它的取值范围是 {lo} 到 {hi}：请传入标准化之前的图片</translation>
    </message>
    <message>
        <source>give both X_test and Y_test, or neither</source>
        <translation>X_test 和 Y_test 要么都给，要么都不给</translation>
    </message>
    <message>
        <source>w must hold one weight per feature, (n_x, 1) or (n_x,) with n_x = {n}; got {shape}</source>
        <translation>w 必须每个特征一个权重，形状为 (n_x, 1) 或 (n_x,)，其中 n_x = {n}；实际是 {shape}</translation>
    </message>
    <message>
        <source>b must be one number, got {shape}</source>
        <translation>b 必须是一个数，实际形状是 {shape}</translation>
    </message>
    <message>
        <source>w and b must be finite numbers</source>
        <translation>w 和 b 必须是有限的数</translation>
    </message>
    <message>
        <source>these arrays were given to an earlier lrviz.show and are no longer held: call lrviz.show again</source>
        <translation>这些数组是交给之前一次 lrviz.show 的，现已不再保留：请再调用一次 lrviz.show</translation>
    </message>
    <message>
        <source>cannot save an animation as &quot;{suffix}&quot;: choose .gif, .webp or .mp4</source>
        <translation>无法把动画存为“{suffix}”：请选择 .gif、.webp 或 .mp4</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>could not be written ({reason})</source>
        <translation>无法写入（{reason}）</translation>
    </message>
    <message>
        <source>MP4 needs ffmpeg, which was not found (pip install &quot;lrviz[mp4]&quot;); .gif and .webp need nothing</source>
        <translation>MP4 需要 ffmpeg，但没有找到（pip install &quot;lrviz[mp4]&quot;）；.gif 和 .webp 无需额外安装</translation>
    </message>
    <message>
        <source>{n} frames of {w}×{h} are too many for one {kind} (at most {mb} MB of frames): choose fewer iterations, or MP4</source>
        <translation>{n} 帧 {w}×{h} 的画面对一个 {kind} 来说太多了（帧最多占 {mb} MB）：请减少迭代范围，或改用 MP4</translation>
    </message>
    <message>
        <source>ffmpeg could not write it: {reason}</source>
        <translation>ffmpeg 无法写入：{reason}</translation>
    </message>
    <message>
        <source>no frames to write</source>
        <translation>没有可写入的帧</translation>
    </message>
    <message>
        <source>the data edits are incomplete: missing {fields}</source>
        <translation>数据修改记录不完整：缺少 {fields}</translation>
    </message>
    <message>
        <source>field {field!r} must be a vector, got an array of shape {shape}</source>
        <translation>字段 {field!r} 必须是向量，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>field {field!r} must be one value, got an array of shape {shape}</source>
        <translation>字段 {field!r} 必须是单个值，实际是形状为 {shape} 的数组</translation>
    </message>
    <message>
        <source>fields &apos;edit_kind&apos;, &apos;edit_size&apos; and &apos;edit_label&apos; differ in length</source>
        <translation>字段 &apos;edit_kind&apos;、&apos;edit_size&apos; 和 &apos;edit_label&apos; 的长度不一致</translation>
    </message>
    <message>
        <source>field &apos;edit_kind&apos; has unknown kinds {bad}</source>
        <translation>字段 &apos;edit_kind&apos; 含有未知的种类 {bad}</translation>
    </message>
    <message>
        <source>an edit of no examples, or edits of an empty data set</source>
        <translation>某处修改不涉及任何样本，或修改针对的是空数据集</translation>
    </message>
    <message>
        <source>field &apos;added_images&apos; must hold the {n} added photos as uint8 {shape} images with a name each, got {dtype} {got} and {names} names</source>
        <translation>字段 &apos;added_images&apos; 必须以 uint8 {shape} 图片保存加入的 {n} 张照片，每张一个名字；实际是 {dtype} {got}，{names} 个名字</translation>
    </message>
    <message>
        <source>field &apos;edit_label&apos; must be 0 or 1</source>
        <translation>字段 &apos;edit_label&apos; 必须是 0 或 1</translation>
    </message>
    <message>
        <source>field &apos;edit_index&apos; holds {n} examples, the edits name {m}</source>
        <translation>字段 &apos;edit_index&apos; 含有 {n} 个样本，而修改记录提到 {m} 个</translation>
    </message>
    <message>
        <source>the data edits do not fit the data: {why}</source>
        <translation>数据修改记录与数据不符：{why}</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>seeded {train}/{test} split</source>
        <translation>按固定种子 {train}/{test} 划分</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>已平衡</translation>
    </message>
    <message>
        <source>No data loaded</source>
        <translation>尚未加载数据</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>The course&apos;s .h5 files, or CIFAR-10&apos;s binary .tar.gz (Ctrl+O)</source>
        <translation>课程的 .h5 文件，或 CIFAR-10 的二进制 .tar.gz 压缩包 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Image folder…</source>
        <translation>图片文件夹…</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class, e.g. cat/ and non-cat/ (Ctrl+Shift+O)</source>
        <translation>每个类别一个子文件夹的文件夹，例如 cat/ 和 non-cat/ (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Built-in cats</source>
        <translation>内置猫图片</translation>
    </message>
    <message>
        <source>Built-in toy (one weight)</source>
        <translation>内置玩具数据（只有一个权重）</translation>
    </message>
    <message>
        <source>What is loaded, and the data sets that need no file</source>
        <translation>当前加载的数据，以及无需文件的内置数据集</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Balance CIFAR-10 classes</source>
        <translation>平衡 CIFAR-10 的类别</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading; the data loaded before stays</source>
        <translation>停止加载；之前加载的数据保持不变</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练集图片</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试集图片</translation>
    </message>
    <message>
        <source>Click an image to see the formulas&apos; numbers for it (Math panel); untick it to leave it out; right-click to flip its label</source>
        <translation>点击图片，在“数学”面板查看它在公式中的数值；取消勾选即把它去掉；右键可翻转它的标签</translation>
    </message>
    <message>
        <source>CIFAR-10: keep every cat and as many randomly chosen non-cats (seeded)</source>
        <translation>CIFAR-10：保留所有猫的图片，再随机选取同样多的非猫图片（固定随机种子）</translation>
    </message>
    <message>
        <source>Applies to CIFAR-10: open its folder or archive first</source>
        <translation>仅适用于 CIFAR-10：请先打开它的文件夹或压缩包</translation>
    </message>
    <message>
        <source>Loaded {source}: {train} training images ({pos_train} {positive}), {test} test images ({pos_test} {positive}), {h}×{w}×{ch} each</source>
        <translation>已加载 {source}：训练集 {train} 张图片（{positive} {pos_train} 张），测试集 {test} 张图片（{positive} {pos_test} 张），每张 {h}×{w}×{ch}</translation>
    </message>
    <message>
        <source>; {n} files skipped</source>
        <translation>；跳过了 {n} 个文件</translation>
    </message>
    <message>
        <source>Loaded: {name}</source>
        <translation>已加载：{name}</translation>
    </message>
    <message>
        <source>decoding %v / %m images</source>
        <translation>正在解码图片 %v / %m</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Changes ({n})</source>
        <translation>修改（{n}）</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Select training images first (click; Ctrl+click for more), then flip</source>
        <translation>请先选中训练图片（点击；按住 Ctrl 点击可多选），再翻转</translation>
    </message>
    <message>
        <source>Flip label</source>
        <translation>翻转标签</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>去掉</translation>
    </message>
    <message>
        <source>Put back</source>
        <translation>放回</translation>
    </message>
    <message>
        <source> ({share} % {positive})</source>
        <translation>（{positive} 占 {share} %）</translation>
    </message>
    <message>
        <source>train: {total} images — {pos} {positive}, {neg} {negative}{share}</source>
        <translation>训练集：{total} 张图片 — {positive} {pos} 张，{negative} {neg} 张{share}</translation>
    </message>
    <message>
        <source>test: {total} images — {pos} {positive}, {neg} {negative}{share}</source>
        <translation>测试集：{total} 张图片 — {positive} {pos} 张，{negative} {neg} 张{share}</translation>
    </message>
    <message>
        <source>images {h}×{w}×{ch} → {n} features</source>
        <translation>图片 {h}×{w}×{ch} → {n} 个特征</translation>
    </message>
    <message>
        <source>{n} files skipped (unreadable); hover for the list</source>
        <translation>跳过了 {n} 个无法读取的文件；鼠标悬停可查看列表</translation>
    </message>
    <message>
        <source>training on {total} images after {n} change(s) — {pos} {positive}, {neg} {negative}</source>
        <translation>经过 {n} 处修改，在 {total} 张图片上训练 —— {pos} 张{positive}，{neg} 张{negative}</translation>
    </message>
    <message>
        <source>train #{i}: {label} (y = {y})</source>
        <translation>训练集 #{i}：{label} (y = {y})</translation>
    </message>
    <message>
        <source>added photo {name}: {label} (y = {y})</source>
        <translation>加入的照片 {name}：{label} (y = {y})</translation>
    </message>
    <message>
        <source>left out: not trained on (tick it to put it back)</source>
        <translation>已去掉：不参与训练（勾选即可放回）</translation>
    </message>
    <message>
        <source>label flipped by you (it came as {label})</source>
        <translation>标签已被你翻转（原来是 {label}）</translation>
    </message>
    <message>
        <source>test #{i}: {label} (y = {y})</source>
        <translation>测试集 #{i}：{label} (y = {y})</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>no training example would be left</source>
        <translation>将不剩任何训练样本</translation>
    </message>
    <message>
        <source>only {name!r} examples would be left: logistic regression needs examples of both classes</source>
        <translation>将只剩 {name!r} 类的样本：逻辑回归需要两类样本</translation>
    </message>
</context>
<context>
    <name>EditsBox</name>
    <message>
        <source>Flip label</source>
        <translation>翻转标签</translation>
    </message>
    <message>
        <source>Swap the label (cat ↔ non-cat) of the training images selected below; untick an image to leave it out</source>
        <translation>交换下面选中的训练图片的标签（猫 ↔ 非猫）；取消勾选图片即把它去掉</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>加入照片…</translation>
    </message>
    <message>
        <source>Add your own photos to the training set with the label chosen here (or drop them on this panel)</source>
        <translation>把你自己的照片以这里选定的标签加入训练集（也可以直接拖到这个面板上）</translation>
    </message>
    <message>
        <source>The label added photos get</source>
        <translation>加入的照片所得的标签</translation>
    </message>
    <message>
        <source>Undo change</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Undo the last change to the data (a new run)</source>
        <translation>撤销对数据的上一次修改（开始新的训练）</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>One-click lessons on the data: flip labels, leave examples out, add your own photos</source>
        <translation>一键完成的数据实验：翻转标签、去掉样本、加入你自己的照片</translation>
    </message>
    <message>
        <source>Every change to the training set, the latest last; each one started a new run (the earlier runs stay on the cost curves, dashed)</source>
        <translation>对训练集的每一处修改，最新的在最后；每处修改都开始了一次新的训练（之前的训练以虚线留在代价曲线上）</translation>
    </message>
    <message>
        <source>Back to the data as loaded</source>
        <translation>恢复为加载时的数据</translation>
    </message>
    <message>
        <source>Undo every change (a new run)</source>
        <translation>撤销全部修改（开始新的训练）</translation>
    </message>
</context>
<context>
    <name>Experiments</name>
    <message>
        <source>The {n} {positive} images the model was surest of are now labelled {negative}. Look for: the bowl&apos;s floor rises — this run&apos;s J ends above the earlier one (dashed on the cost curves) — and in Loss vs cost the ringed dots keep a large loss: no w fits them.</source>
        <translation>模型最有把握的 {n} 张{positive}图片现在被标为{negative}。请观察：碗底升高——这次训练的 J 最终高于之前的那次（代价曲线上的虚线）；在“损失与代价”中，带圈的点一直保持很大的损失：没有哪个 w 能拟合它们。</translation>
    </message>
    <message>
        <source>Only {n} training examples are left. Look for: train accuracy reaches 100 % while test accuracy falls below the earlier run&apos;s {before} % — the model learns the {n} by heart instead of what a cat looks like.</source>
        <translation>只剩 {n} 个训练样本。请观察：训练集准确率达到 100 %，而测试集准确率低于之前那次训练的 {before} %——模型死记住了这 {n} 个样本，而没有学会猫长什么样。</translation>
    </message>
    <message>
        <source>Your {n} photo(s) joined the training set as {label} (marked + below). Look for: their ringed dots in Loss vs cost, and whether test accuracy changes.</source>
        <translation>你的 {n} 张照片已以“{label}”加入训练集（下方标有 +）。请观察：它们在“损失与代价”中带圈的点，以及测试集准确率是否变化。</translation>
    </message>
    <message>
        <source>Drop photos of your own cats on the Data panel (or use Add photos…): they join the training set as {label}, and a new run starts.</source>
        <translation>把你自己的猫照片拖到数据面板上（或使用“加入照片…”）：它们会以“{label}”加入训练集，并开始一次新的训练。</translation>
    </message>
</context>
<context>
    <name>GradientDescent</name>
    <message>
        <source>would rise to {cost:.4g}, over {factor:g}× its starting {start:.4g}</source>
        <translation>会升到 {cost:.4g}，超过起始值 {start:.4g} 的 {factor:g} 倍</translation>
    </message>
    <message>
        <source>would stop being a finite number</source>
        <translation>会变成非有限的数（溢出）</translation>
    </message>
    <message>
        <source>training diverged at iteration {t}: with learning rate {lr:g} the cost {what}; lower the learning rate and reset</source>
        <translation>训练在第 {t} 次迭代发散：学习率 α = {lr:g} 时，代价 J {what}；请调低学习率并重置</translation>
    </message>
</context>
<context>
    <name>GraphCanvas</name>
    <message>
        <source>Load data to see the graph</source>
        <translation>加载数据后即可看到计算图</translation>
    </message>
    <message>
        <source>dw = x·dz: ‖dw‖ = {norm}, as a picture →</source>
        <translation>dw = x·dz：‖dw‖ = {norm}，画成图片 →</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>&lt;b&gt;One example, iteration {it}&lt;/b&gt;: training image {i} ({label}). Forward in blue, left to right; backward (the derivatives) in red, right to left.</source>
        <translation>&lt;b&gt;一个样本，第 {it} 次迭代&lt;/b&gt;：训练图片 {i}（{label}）。蓝色是正向传播，从左到右；红色是反向传播（各个导数），从右到左。</translation>
    </message>
    <message>
        <source>&lt;b&gt;All m = {m} examples at once&lt;/b&gt; (no loop): X is n × m = {n} × {m}; Z = wᵀX + b and A = σ(Z) are 1 × m; dZ = {dZ} is 1 × m; dw = (1/m)·X·dZᵀ is n × 1 (‖dw‖ = {dw}); db = (1/m)·Σ dZ = {db}; then w := w − α·dw, b := b − α·db with α = {lr}.</source>
        <translation>&lt;b&gt;一次处理全部 m = {m} 个样本&lt;/b&gt;（不用循环）：X 是 n × m = {n} × {m}；Z = wᵀX + b 和 A = σ(Z) 都是 1 × m；dZ = {dZ} 是 1 × m；dw = (1/m)·X·dZᵀ 是 n × 1（‖dw‖ = {dw}）；db = (1/m)·Σ dZ = {db}；然后 w := w − α·dw，b := b − α·db，其中 α = {lr}。</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>Hint</name>
    <message>
        <source>&lt;b&gt;New here?&lt;/b&gt; Press &lt;b&gt;Play&lt;/b&gt; (Space) at the top left: gradient descent starts, and the &lt;b&gt;cost bowl&lt;/b&gt; on the right shows the red ball walking downhill, one step at a time, while the cost curves here fall. &lt;b&gt;Step&lt;/b&gt; (→) takes one step; drag &lt;b&gt;α&lt;/b&gt; to change the step size. The &lt;b&gt;Lesson&lt;/b&gt; dock walks through the week&apos;s four ideas.</source>
        <translation>&lt;b&gt;第一次使用？&lt;/b&gt;按左上角的&lt;b&gt;播放&lt;/b&gt; (空格键)：梯度下降开始运行，右边的&lt;b&gt;代价“碗”&lt;/b&gt;上，红色小球一步一步往坡下走，同时这里的代价曲线不断下降。&lt;b&gt;单步&lt;/b&gt; (→) 只走一步；拖动 &lt;b&gt;α&lt;/b&gt; 可以改变步长。&lt;b&gt;课程&lt;/b&gt;面板会带你逐一了解本周的四个核心概念。</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Hide this hint (Help → What am I looking at? shows it again)</source>
        <translation>隐藏这条提示（帮助 → “我在看什么？”可以再次显示）</translation>
    </message>
</context>
<context>
    <name>KeptRuns</name>
    <message>
        <source>from w = 0</source>
        <translation>从 w = 0 开始</translation>
    </message>
    <message>
        <source>from {name}</source>
        <translation>从 {name} 开始</translation>
    </message>
    <message>
        <source>branch of run {run} at iteration {it}</source>
        <translation>第 {run} 次训练在第 {it} 次迭代处的分支</translation>
    </message>
    <message>
        <source>run {run}: {alpha}{loss}, {start}</source>
        <translation>第 {run} 次训练：{alpha}{loss}，{start}</translation>
    </message>
    <message>
        <source>train, {run}</source>
        <translation>训练集，{run}</translation>
    </message>
    <message>
        <source>Runs ({n})</source>
        <translation>各次训练（{n}）</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>各次训练</translation>
    </message>
    <message>
        <source>{name} (followed)</source>
        <translation>{name}（正在跟随）</translation>
    </message>
    <message>
        <source>Follow this run (Play trains it)</source>
        <translation>跟随这次训练（播放会训练它）</translation>
    </message>
    <message>
        <source>Show on the curves and the bowl</source>
        <translation>显示在曲线和代价碗上</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Undo: back to run {run}</source>
        <translation>撤销：回到第 {run} 次训练</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Clear earlier runs</source>
        <translation>清除之前的训练</translation>
    </message>
    <message>
        <source>Remove the faint curves of earlier runs</source>
        <translation>移除之前几次训练留下的浅色曲线</translation>
    </message>
    <message>
        <source>The runs kept to compare: scrub back to an iteration, change α or the loss and press Play to branch a new run from there; here each can be followed, hidden or removed</source>
        <translation>保留下来用于比较的各次训练：拖回到某次迭代，改变 α 或损失函数后按播放，就会从那里分出一次新的训练；在这里可以跟随、隐藏或删除每一次</translation>
    </message>
    <message>
        <source>Following {name}</source>
        <translation>正在跟随 {name}</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Back to the previous part</source>
        <translation>回到上一部分</translation>
    </message>
    <message>
        <source>On to the next part</source>
        <translation>进入下一部分</translation>
    </message>
</context>
<context>
    <name>Loader</name>
    <message>
        <source>loading cancelled</source>
        <translation>已取消加载</translation>
    </message>
    <message>
        <source>{spec}: unexpected {kind}: {error}</source>
        <translation>{spec}：意外错误 {kind}：{error}</translation>
    </message>
</context>
<context>
    <name>LookFor</name>
    <message>
        <source>Hide this sentence</source>
        <translation>隐藏这句话</translation>
    </message>
</context>
<context>
    <name>LoopsView</name>
    <message>
        <source>The same gradient-descent iteration, three ways. The lecture&apos;s point: never loop over the examples in Python — let numpy do all m at once. (Here X holds one example per row, m × n, so X[i] is example i; the lecture&apos;s X is the same numbers as columns, n × m.)</source>
        <translation>同一次梯度下降迭代的三种写法。课程的要点：不要在 Python 里用循环逐个处理样本——让 numpy 一次算完全部 m 个样本。（这里 X 每行是一个样本，形状为 m × n，所以 X[i] 就是第 i 个样本；课程里的 X 是同样的数按列排列，形状为 n × m。）</translation>
    </message>
    <message>
        <source>Measure on this data</source>
        <translation>用当前数据计时</translation>
    </message>
    <message>
        <source>Times one iteration each way on the loaded training set (training pauses for a few seconds while it runs)</source>
        <translation>在已加载的训练集上，把每种写法各跑一次迭代并计时（计时期间训练会暂停几秒）</translation>
    </message>
    <message>
        <source>Not measured yet.</source>
        <translation>尚未计时。</translation>
    </message>
    <message>
        <source>Two loops: over examples and features</source>
        <translation>两层循环：遍历样本和特征</translation>
    </message>
    <message>
        <source>One loop: over the examples</source>
        <translation>一层循环：遍历样本</translation>
    </message>
    <message>
        <source>Vectorised: no loop</source>
        <translation>向量化：不用循环</translation>
    </message>
    <message>
        <source>Measuring in the training process…</source>
        <translation>正在训练进程中计时…</translation>
    </message>
    <message>
        <source> (timed on {timed} of {m} examples, scaled)</source>
        <translation>（只对 {m} 个样本中的 {timed} 个计时，再按比例换算）</translation>
    </message>
    <message>
        <source>the fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{ratio}× slower</source>
        <translation>耗时是最快写法的 {ratio} 倍</translation>
    </message>
    <message>
        <source>&lt;b&gt;{time}&lt;/b&gt; per iteration — {verdict}{how}</source>
        <translation>每次迭代 &lt;b&gt;{time}&lt;/b&gt;——{verdict}{how}</translation>
    </message>
    <message>
        <source>Measured on this machine with the loaded data (m = {m}).</source>
        <translation>在本机上用已加载的数据计时（m = {m}）。</translation>
    </message>
</context>
<context>
    <name>Loss</name>
    <message>
        <source>Cross-entropy (the course&apos;s)</source>
        <translation>交叉熵（课程用的）</translation>
    </message>
    <message>
        <source>J with the cross-entropy (what we train)</source>
        <translation>J（交叉熵，训练所用）</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Squared error ½(ŷ − y)²</source>
        <translation>平方误差 ½(ŷ − y)²</translation>
    </message>
    <message>
        <source>J with the squared error (the first guess)</source>
        <translation>J（平方误差，最先想到的做法）</translation>
    </message>
    <message>
        <source>The first guess, ½(ŷ − y)², on the same slice: look for flat plateaus and sides that curve the wrong way — not one round bowl, so gradient descent can stall. That is why logistic regression uses the cross-entropy. (The arrow is the step training takes, on the {loss}.)</source>
        <translation>最先想到的 ½(ŷ − y)²，画在同一个切面上：留意平坦的台地和弯错方向的侧面 —— 它不是一个圆润的碗，梯度下降可能会停滞。这就是逻辑回归使用交叉熵的原因。（箭头是训练实际走的一步，基于{loss}。）</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>Squared-error cost J = (1/m) Σ ½(ŷ − y)² on the same slice</source>
        <translation>同一切面上的平方误差代价 J = (1/m) Σ ½(ŷ − y)²</translation>
    </message>
</context>
<context>
    <name>LossCostView</name>
    <message>
        <source>changed by you (Data panel)</source>
        <translation>被你修改过（数据面板）</translation>
    </message>
    <message>
        <source>ŷ = σ(wᵀx + b), the model&apos;s P({positive})</source>
        <translation>ŷ = σ(wᵀx + b)，即模型给出的 P({positive})</translation>
    </message>
    <message>
        <source>loss L(ŷ, y)</source>
        <translation>损失 L(ŷ, y)</translation>
    </message>
    <message>
        <source>Each dot is one training example at its ŷ and its loss: {shown} of the {n} examples, picked at random (J averages all {n}). Hover a dot; click it to follow it in the Math panel.</source>
        <translation>每个点是一个训练样本，位置是它的 ŷ 和损失：从 {n} 个样本中随机抽取的 {shown} 个（J 是全部 {n} 个的平均）。把鼠标停在点上查看；点击它，在“数学”面板中跟踪它。</translation>
    </message>
    <message>
        <source>Each dot is one training example at its ŷ and its loss. Hover a dot; click it to follow it in the Math panel.</source>
        <translation>每个点是一个训练样本，位置由它的 ŷ 和损失决定。把鼠标移到点上可查看详情；点击它，就能在“数学”面板里跟踪这个样本。</translation>
    </message>
    <message>
        <source>J = average of all {n} losses = {cost} · {wrong} misclassified (dark edge)</source>
        <translation>J = 全部 {n} 个损失的平均值 = {cost} · {wrong} 个分类错误（深色描边）</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>right</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <source>you flipped its label</source>
        <translation>你翻转了它的标签</translation>
    </message>
    <message>
        <source>a photo you added</source>
        <translation>你加入的照片</translation>
    </message>
    <message>
        <source>Example {i} ({label}, y = {y}): ŷ = {y_hat}, L = {loss} — {verdict}. Click to see its numbers in the Math panel.</source>
        <translation>样本 {i}（{label}，y = {y}）：ŷ = {y_hat}，L = {loss}——{verdict}。点击它，就能在“数学”面板里看到它的数值。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Nothing is loaded: open a data set (Ctrl+O), drop one on the window, or choose a built-in set in the Data panel.</source>
        <translation>当前没有加载任何数据：请打开一个数据集 (Ctrl+O)、把它拖到窗口上，或在“数据”面板中选择一个内置数据集。</translation>
    </message>
    <message>
        <source>lrviz — logistic regression as a neural network</source>
        <translation>lrviz — 把逻辑回归看作神经网络</translation>
    </message>
    <message>
        <source>Cost curves</source>
        <translation>代价曲线</translation>
    </message>
    <message>
        <source>Loss vs cost</source>
        <translation>损失与代价</translation>
    </message>
    <message>
        <source>Forward &amp;&amp; backward</source>
        <translation>正向与反向</translation>
    </message>
    <message>
        <source>No for loop</source>
        <translation>不用 for 循环</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Weights w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>数学</translation>
    </message>
    <message>
        <source>Cost bowl J(w, b)</source>
        <translation>代价“碗” J(w, b)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>{language} needs a font for its writing system (on Debian / Ubuntu: sudo apt-get install {package}); staying in English</source>
        <translation>{language} 界面需要相应文字的字体（Debian / Ubuntu：sudo apt-get install {package}）；暂时保持英文</translation>
    </message>
    <message>
        <source>Racing α = {rates} from the same start: Play runs them together</source>
        <translation>学习率对比 α = {rates}，从同一起点出发：按“播放”让它们一起训练</translation>
    </message>
    <message>
        <source>One run again</source>
        <translation>恢复为单次训练</translation>
    </message>
    <message>
        <source>Loading {spec}…</source>
        <translation>正在加载 {spec}…</translation>
    </message>
    <message>
        <source>Which class is positive?</source>
        <translation>哪一类是正类？</translation>
    </message>
    <message>
        <source>{folder} has the classes {a!r} and {b!r}.
Which one should the model give the probability of?</source>
        <translation>{folder} 里有 {a!r} 和 {b!r} 两类。
模型应该给出哪一类的概率？</translation>
    </message>
    <message>
        <source>Open an image folder (one subfolder per class)</source>
        <translation>打开图片文件夹（每一类一个子文件夹）</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>Data sets ({patterns});;All files (*)</source>
        <translation>数据集 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Images ({patterns});;All files (*)</source>
        <translation>图片 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Images to predict</source>
        <translation>要预测的图片</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>Saved {n} predictions to {path}</source>
        <translation>已把 {n} 条预测保存到 {path}</translation>
    </message>
    <message>
        <source>Nothing to save yet: load data first</source>
        <translation>还没有可保存的模型：请先加载数据</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>lrviz model (*.npz)</source>
        <translation>lrviz 模型 (*.npz)</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>无法保存：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>; still on {source}</source>
        <translation>；仍在使用 {source}</translation>
    </message>
    <message>
        <source>Could not load: {error}</source>
        <translation>无法加载：{error}</translation>
    </message>
    <message>
        <source>The data set used last could not be loaded: {error}</source>
        <translation>上次使用的数据集无法加载：{error}</translation>
    </message>
    <message>
        <source>{problem}. {next}</source>
        <translation>{problem}。{next}</translation>
    </message>
</context>
<context>
    <name>MathPanel</name>
    <message>
        <source>(image {i}: {label}, y = {y})</source>
        <translation>（图片 {i}：{label}，y = {y}）</translation>
    </message>
    <message>
        <source>({loss})</source>
        <translation>（{loss}）</translation>
    </message>
    <message>
        <source>Vectorized, as the lab names them: X is n × m = {n} × {m}; w is n × 1; Z = wᵀX + b and A = σ(Z) are 1 × m; Y and dZ = {dZ} are 1 × m; dw is n × 1; db is a number.</source>
        <translation>向量化形式（沿用编程作业里的名字）：X 是 n × m = {n} × {m}；w 是 n × 1；Z = wᵀX + b 和 A = σ(Z) 都是 1 × m；Y 和 dZ = {dZ} 都是 1 × m；dw 是 n × 1；db 是一个数。</translation>
    </message>
    <message>
        <source>Iteration {it}</source>
        <translation>第 {it} 次迭代</translation>
    </message>
    <message>
        <source>Which training example the numbers are for (or click a thumbnail)</source>
        <translation>这些数值属于哪个训练样本（也可以点击缩略图来选）</translation>
    </message>
    <message>
        <source>Load data to see the numbers</source>
        <translation>加载数据后即可看到这些数值</translation>
    </message>
    <message>
        <source>Training example i</source>
        <translation>训练样本 i</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open data file…</source>
        <translation>打开数据文件(&amp;O)…</translation>
    </message>
    <message>
        <source>The course&apos;s .h5 files or CIFAR-10&apos;s binary archive</source>
        <translation>课程的 .h5 文件，或 CIFAR-10 的二进制压缩包</translation>
    </message>
    <message>
        <source>Open image &amp;folder…</source>
        <translation>打开图片文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class</source>
        <translation>每一类一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Built-in &amp;cats</source>
        <translation>内置猫图(&amp;C)</translation>
    </message>
    <message>
        <source>Drawn cat faces vs other scenes</source>
        <translation>画出来的猫脸与其他场景</translation>
    </message>
    <message>
        <source>Built-in &amp;toy</source>
        <translation>内置玩具数据(&amp;T)</translation>
    </message>
    <message>
        <source>One weight and a bias: the bowl itself</source>
        <translation>只有一个权重和一个偏置：碗本身</translation>
    </message>
    <message>
        <source>Open &amp;images to predict…</source>
        <translation>打开要预测的图片(&amp;I)…</translation>
    </message>
    <message>
        <source>See P(cat) for your own photos</source>
        <translation>看看你自己的照片的 P(猫)</translation>
    </message>
    <message>
        <source>&amp;Paste image to predict</source>
        <translation>粘贴图片来预测(&amp;P)</translation>
    </message>
    <message>
        <source>P(cat) for an image copied to the clipboard</source>
        <translation>剪贴板里图片的 P(猫)</translation>
    </message>
    <message>
        <source>&amp;Save model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <source>Save w, b and the preprocessing</source>
        <translation>保存 w、b 和预处理方式</translation>
    </message>
    <message>
        <source>Save &amp;picture…</source>
        <translation>保存图片(&amp;P)…</translation>
    </message>
    <message>
        <source>A view as PNG (twice the screen&apos;s size) or SVG, for slides; with the shortcut, the view under the pointer</source>
        <translation>把一个视图存为 PNG（屏幕尺寸的两倍）或 SVG，用于幻灯片；用快捷键时，存鼠标指针下的视图</translation>
    </message>
    <message>
        <source>Save &amp;animation…</source>
        <translation>保存动画(&amp;A)…</translation>
    </message>
    <message>
        <source>The descent from history as an animated GIF, WebP or MP4, a caption per frame</source>
        <translation>把历史中的下降过程存为 GIF、WebP 动画或 MP4 视频，每帧附说明文字</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close lrviz</source>
        <translation>关闭 lrviz</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Start or pause gradient descent</source>
        <translation>开始或暂停梯度下降</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to w = 0, b = 0</source>
        <translation>回到 w = 0, b = 0</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>The docks where they were at the first start</source>
        <translation>把各个面板放回第一次启动时的位置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 (Language)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>Where to start: Play, the bowl, the lesson</source>
        <translation>从哪里开始：播放、代价“碗”、课程</translation>
    </message>
    <message>
        <source>About lrviz</source>
        <translation>关于 lrviz</translation>
    </message>
    <message>
        <source>What lrviz is</source>
        <translation>lrviz 是什么</translation>
    </message>
    <message>
        <source>lrviz: see logistic regression, as a one-neuron network, learn by gradient descent.</source>
        <translation>lrviz：看逻辑回归——一个只有一个神经元的网络——如何用梯度下降学习。</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Open data…</source>
        <translation>打开数据…</translation>
    </message>
    <message>
        <source>The course&apos;s .h5 files, or CIFAR-10&apos;s binary .tar.gz (Ctrl+O)</source>
        <translation>课程的 .h5 文件，或 CIFAR-10 的二进制 .tar.gz 压缩包 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏这条消息</translation>
    </message>
</context>
<context>
    <name>Pictures</name>
    <message>
        <source>The bowl seen from above</source>
        <translation>碗面俯视图</translation>
    </message>
    <message>
        <source>The 1-D pictures under the bowl</source>
        <translation>碗面下方的一维截面图</translation>
    </message>
    <message>
        <source>Cost curves</source>
        <translation>代价曲线</translation>
    </message>
    <message>
        <source>Loss vs cost</source>
        <translation>损失与代价</translation>
    </message>
    <message>
        <source>The computation graph (forward &amp; backward)</source>
        <translation>计算图（正向与反向）</translation>
    </message>
    <message>
        <source>Weights w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>Predict: the cards</source>
        <translation>预测：图片卡片</translation>
    </message>
    <message>
        <source>The whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>{view} can be saved as PNG only</source>
        <translation>{view} 只能存为 PNG</translation>
    </message>
    <message>
        <source>{view} could not be drawn as SVG ({reason}): save it as PNG</source>
        <translation>{view} 无法绘制为 SVG（{reason}）：请存为 PNG</translation>
    </message>
    <message>
        <source>cannot save a picture as &quot;{suffix}&quot;: choose .png or .svg</source>
        <translation>无法把图片存为“{suffix}”：请选择 .png 或 .svg</translation>
    </message>
    <message>
        <source>{path}: could not be written ({reason})</source>
        <translation>{path}：无法写入（{reason}）</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>Open images…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Predict the image on the clipboard</source>
        <translation>预测剪贴板里的图片</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>path, P(positive class), label of every card</source>
        <translation>每张卡片的路径、P(正类) 和预测标签</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>%v of %m photos</source>
        <translation>%v / %m 张照片</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Heat-map wᵢ·xᵢ</source>
        <translation>热力图 wᵢ·xᵢ</translation>
    </message>
    <message>
        <source>On the 64 × 64 image the model sees: red where a pixel pushes towards the positive class, blue where it pushes away. Off: the plain image.</source>
        <translation>画在模型看到的 64 × 64 图片上：红色表示该像素把预测推向正类，蓝色表示推离正类。关闭后显示原图。</translation>
    </message>
    <message>
        <source>Drop photos or a folder here, paste an image (Ctrl+V), or open images (Ctrl+I). Each becomes a card: the model&apos;s probability and the image as the model sees it.</source>
        <translation>把照片或文件夹拖到这里，粘贴图片 (Ctrl+V)，或打开图片 (Ctrl+I)。每张图片会变成一张卡片：显示模型给出的概率，以及模型眼中的这张图片。</translation>
    </message>
    <message>
        <source>Load data with a test set to see the model&apos;s mistakes here.</source>
        <translation>加载带测试集的数据后，这里会显示模型预测错的图片。</translation>
    </message>
    <message>
        <source>Your images</source>
        <translation>你的图片</translation>
    </message>
    <message>
        <source>Test set: mistakes first</source>
        <translation>测试集：预测错的排在前面</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{red}&apos;&gt;■&lt;/span&gt; towards {positive} &lt;span style=&apos;color:{blue}&apos;&gt;■&lt;/span&gt; away</source>
        <translation>&lt;span style=&apos;color:{red}&apos;&gt;■&lt;/span&gt; 推向{positive} &lt;span style=&apos;color:{blue}&apos;&gt;■&lt;/span&gt; 推离</translation>
    </message>
    <message>
        <source>Load data first: the model decides the image size</source>
        <translation>请先加载数据：图片尺寸由模型决定</translation>
    </message>
    <message>
        <source>{n} images, {bad} could not be read</source>
        <translation>{n} 张图片，其中 {bad} 张无法读取</translation>
    </message>
    <message>
        <source>{n} images</source>
        <translation>{n} 张图片</translation>
    </message>
    <message>
        <source>The clipboard holds no image</source>
        <translation>剪贴板里没有图片</translation>
    </message>
    <message>
        <source>test #{i}</source>
        <translation>测试图片 #{i}</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>give 2 to {n} different learning rates, separated by commas</source>
        <translation>请输入 2 到 {n} 个不同的学习率，用逗号分隔</translation>
    </message>
    <message>
        <source>Add the learning rate set above (the slider&apos;s α) to the list</source>
        <translation>把上面设置的学习率（滑块上的 α）加入列表</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>同时训练</translation>
    </message>
    <message>
        <source>Train one run per learning rate, together, from the same start; press again to go back to one run</source>
        <translation>每个学习率各训练一次，从同一起点同时开始；再按一次回到单次训练</translation>
    </message>
    <message>
        <source>The run the weights, the Math panel and Predict show</source>
        <translation>权重、数学面板和预测面板所显示的那一次训练</translation>
    </message>
    <message>
        <source>Compare α</source>
        <translation>对比 α</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>2 to {n} learning rates, separated by commas (the lab&apos;s: 0.01, 0.001, 0.0001). Race starts them all from w = 0, side by side.</source>
        <translation>2 到 {n} 个学习率，用逗号分隔（编程作业用的是 0.01, 0.001, 0.0001）。“同时训练”让它们都从 w = 0 出发，一起训练。</translation>
    </message>
</context>
<context>
    <name>SaveAnimationDialog</name>
    <message>
        <source>Save animation</source>
        <translation>保存动画</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>From iteration</source>
        <translation>起始迭代</translation>
    </message>
    <message>
        <source>To iteration</source>
        <translation>结束迭代</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Animated WebP (*.webp)</source>
        <translation>WebP 动画 (*.webp)</translation>
    </message>
    <message>
        <source>MP4 video, with ffmpeg (*.mp4)</source>
        <translation>MP4 视频，需要 ffmpeg (*.mp4)</translation>
    </message>
    <message>
        <source>Animation not saved</source>
        <translation>动画未保存</translation>
    </message>
    <message>
        <source>Drawing {n} frames…</source>
        <translation>正在绘制 {n} 帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saved {n} frames to {path}</source>
        <translation>已把 {n} 帧保存到 {path}</translation>
    </message>
</context>
<context>
    <name>SavePictureDialog</name>
    <message>
        <source>Save picture</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>PNG picture, twice the screen&apos;s size (*.png)</source>
        <translation>PNG 图片，屏幕尺寸的两倍 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Picture not saved</source>
        <translation>图片未保存</translation>
    </message>
    <message>
        <source>Saved {view} to {path} ({w} × {h} pixels)</source>
        <translation>已把{view}保存到 {path}（{w} × {h} 像素）</translation>
    </message>
</context>
<context>
    <name>SlicesView</name>
    <message>
        <source>α·λ_max: the learning rate times how sharply J curves across its steepest direction. Below 1 the steps creep towards the valley&apos;s floor; between 1 and 2 they overshoot it and come back less far each time; above 2 each bounce is wider than the last.</source>
        <translation>α·λ_max：学习率乘以 J 沿最陡方向弯曲的程度。小于 1 时，步子慢慢挪向谷底；介于 1 和 2 之间时，会越过谷底，但每次回弹都更近；大于 2 时，每次弹跳都比上一次更大。</translation>
    </message>
    <message>
        <source>J along s</source>
        <translation>J 沿 s</translation>
    </message>
    <message>
        <source>J along t</source>
        <translation>J 沿 t</translation>
    </message>
    <message>
        <source>dJ/d{var} = {slope} → step {step}</source>
        <translation>dJ/d{var} = {slope} → 步长 {step}</translation>
    </message>
    <message>
        <source>this J&apos;s dJ/d{var} = {slope} · step {step}</source>
        <translation>这个 J 的 dJ/d{var} = {slope} · 步长 {step}</translation>
    </message>
    <message>
        <source>The tangent&apos;s slope at the point (the derivative the trainer computed) and the step it makes, −α times it (for the squared error&apos;s J: the step training takes, on its own loss)</source>
        <translation>该点切线的斜率（训练器算出的导数），以及它决定的一步：−α 乘以斜率（画平方误差的 J 时：训练按自己的损失函数实际走的一步）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>1 step / s</source>
        <translation>每秒 1 步</translation>
    </message>
    <message>
        <source>2 steps / s</source>
        <translation>每秒 2 步</translation>
    </message>
    <message>
        <source>5 steps / s</source>
        <translation>每秒 5 步</translation>
    </message>
    <message>
        <source>20 steps / s</source>
        <translation>每秒 20 步</translation>
    </message>
    <message>
        <source>100 steps / s</source>
        <translation>每秒 100 步</translation>
    </message>
    <message>
        <source>1000 steps / s</source>
        <translation>每秒 1000 步</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>以最快速度</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>α must be between {low} and {high} (got {text})</source>
        <translation>α 必须在 {low} 到 {high} 之间（输入的是 {text}）</translation>
    </message>
    <message>
        <source>target 1 step / s</source>
        <translation>目标每秒 1 步</translation>
    </message>
    <message>
        <source>target {speed} steps / s</source>
        <translation>目标每秒 {speed} 步</translation>
    </message>
    <message>
        <source>Running, {speed}. Space pauses; drag α to change the step size as it goes.</source>
        <translation>正在训练，{speed}。按空格键暂停；拖动 α 可以边训练边改变步长。</translation>
    </message>
    <message>
        <source>Diverged at iteration {it}: lower α and press Reset.</source>
        <translation>在第 {it} 次迭代时发散：请调小 α，再按“重置”。</translation>
    </message>
    <message>
        <source>Ready: press Play (Space) to start gradient descent, or → for one step.</source>
        <translation>准备好了：按“播放”（空格键）开始梯度下降，或按 → 走一步。</translation>
    </message>
    <message>
        <source>Stopped at iteration {it} (the &apos;Stop at&apos; value). Raise &apos;Stop at&apos; and press Play to go on, or → for one step.</source>
        <translation>已停在第 {it} 次迭代（“停在”的值）。调大“停在”再按“播放”继续，或按 → 走一步。</translation>
    </message>
    <message>
        <source>Paused at iteration {it}. Play goes on; → takes one step.</source>
        <translation>暂停在第 {it} 次迭代。按“播放”继续；按 → 走一步。</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Start or pause gradient descent (Space)</source>
        <translation>开始或暂停梯度下降（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Take one gradient-descent step: w := w − α·dw, b := b − α·db (→)</source>
        <translation>做一步梯度下降：w := w − α·dw, b := b − α·db（→）</translation>
    </message>
    <message>
        <source>How many steps Run n takes</source>
        <translation>“走 n 步”要走多少步</translation>
    </message>
    <message>
        <source>Run n</source>
        <translation>走 n 步</translation>
    </message>
    <message>
        <source>Take this many steps, then pause</source>
        <translation>走这么多步，然后暂停</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to w = 0, b = 0; the run stays on the curves as a faint overlay (Ctrl+R)</source>
        <translation>回到 w = 0, b = 0；这次训练会以淡色留在曲线上（Ctrl+R）</translation>
    </message>
    <message>
        <source>Play pauses when training reaches this iteration</source>
        <translation>训练到这次迭代时自动暂停</translation>
    </message>
    <message>
        <source>Slow it down to follow single steps</source>
        <translation>放慢速度，就能看清每一步</translation>
    </message>
    <message>
        <source>The loss L(ŷ, y) gradient descent minimises. Another loss starts a new run from w = 0; the run before stays on the cost curves to compare.</source>
        <translation>梯度下降要最小化的损失函数 L(ŷ, y)。换一个损失函数会从 w = 0 重新训练；之前的训练留在代价曲线上，方便比较。</translation>
    </message>
    <message>
        <source>Loss L</source>
        <translation>损失函数 L</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>Stop at iteration</source>
        <translation>停在第几次迭代</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Cost J</source>
        <translation>代价 J</translation>
    </message>
    <message>
        <source>Train acc.</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Steps / s</source>
        <translation>步 / 秒</translation>
    </message>
    <message>
        <source>Cost J(w, b): the average loss over the training examples</source>
        <translation>代价 J(w, b)：所有训练样本损失的平均值</translation>
    </message>
    <message>
        <source>Accuracy on the training examples</source>
        <translation>在训练样本上的准确率</translation>
    </message>
    <message>
        <source>Accuracy on the test examples</source>
        <translation>在测试样本上的准确率</translation>
    </message>
    <message>
        <source>Gradient-descent steps taken so far</source>
        <translation>到目前为止走过的梯度下降步数</translation>
    </message>
    <message>
        <source>Steps a second, measured over the last second while training runs (the Speed list sets a target)</source>
        <translation>训练时实测的每秒步数（按最近一秒计算；“速度”列表设定的只是目标）</translation>
    </message>
    <message>
        <source>Learning rate α: 1, 2, 5 in each decade from 1e-5 to 10. Takes effect at the next step.</source>
        <translation>学习率 α：从 1e-5 到 10，每个数量级取 1、2、5。下一步起生效。</translation>
    </message>
    <message>
        <source>The exact learning rate (1e-5 … 10); Enter to apply</source>
        <translation>精确的学习率（1e-5 … 10）；按回车生效</translation>
    </message>
    <message>
        <source>; α stays {lr}</source>
        <translation>；α 保持为 {lr}</translation>
    </message>
    <message>
        <source>Racing: each run has its own α (Compare α below); press Race again to end the race</source>
        <translation>多个学习率同时训练中：每次训练有自己的 α（见下方“对比 α”）；再按一次“同时训练”回到单次训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source> (past)</source>
        <translation>（历史）</translation>
    </message>
    <message>
        <source>no test set</source>
        <translation>没有测试集</translation>
    </message>
    <message>
        <source>Showing iteration {it} from history. Live (under the curves) follows training again.</source>
        <translation>正在显示历史中的第 {it} 次迭代。按曲线下方的“实时”重新跟随训练。</translation>
    </message>
    <message>
        <source>Training paused: {why}.</source>
        <translation>训练已暂停：{why}。</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Sum of R, G, B</source>
        <translation>R、G、B 三个通道之和</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色通道</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色通道</translation>
    </message>
    <message>
        <source>Which colour channel&apos;s weights to show</source>
        <translation>显示哪个颜色通道的权重</translation>
    </message>
    <message>
        <source>red: pushes towards the positive class · blue: away</source>
        <translation>红色：推向正类 · 蓝色：推离正类</translation>
    </message>
    <message>
        <source>ŷ = σ(w·x + b): one weight and a bias</source>
        <translation>ŷ = σ(w·x + b)：一个权重和一个偏置</translation>
    </message>
</context>
</TS>
